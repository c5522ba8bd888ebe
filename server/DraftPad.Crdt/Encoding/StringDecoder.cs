namespace DraftPad.Crdt.Encoding;

/// <summary>Reads a <see cref="StringEncoder"/> column: decodes the blob once, then slices it by the length stream.</summary>
internal sealed class StringDecoder
{
    private readonly string _str;
    private readonly UintOptRleDecoder _lengths;
    private int _spos;

    public StringDecoder(Lib0Reader column)
    {
        _str = column.ReadVarString();
        _lengths = new UintOptRleDecoder(column);
    }

    public string Read()
    {
        long len = _lengths.Read();
        int start = _spos;
        // JS String.prototype.slice clamps out-of-range ends; mirror it rather than throw.
        long end = Math.Min(start + len, _str.Length);
        _spos = (int)end;
        return end == start ? string.Empty : _str.Substring(start, (int)end - start);
    }
}
