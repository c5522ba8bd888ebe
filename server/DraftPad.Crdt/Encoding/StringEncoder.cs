namespace DraftPad.Crdt.Encoding;

/// <summary>
/// V2 <c>string</c> column: every string concatenated into one <c>varString</c>, followed by a
/// <see cref="UintOptRleEncoder"/> stream of their UTF-16 lengths.
/// </summary>
/// <remarks>
/// The text is UTF-8 encoded only once, as a whole, like lib0 (which joins before encoding): a lone
/// high surrogate at the end of one string and a lone low one at the start of the next then form a
/// valid pair on the wire, which matters for byte-exact output.
/// </remarks>
internal sealed class StringEncoder
{
    private char[] _chars = new char[256];
    private int _length;
    private readonly UintOptRleEncoder _lengths = new();

    public void Write(string value)
    {
        int len = value.Length;
        if (_chars.Length - _length < len)
        {
            Grow(len);
        }
        value.CopyTo(0, _chars, _length, len);
        _length += len;
        _lengths.Write((ulong)len);
    }

    private void Grow(int extra)
    {
        long size = Math.Max((long)_chars.Length * 2, (long)_length + extra);
        if (size > Array.MaxLength)
        {
            if ((long)_length + extra > Array.MaxLength)
            {
                throw new InvalidOperationException("String column too large.");
            }
            size = Array.MaxLength;
        }
        Array.Resize(ref _chars, (int)size);
    }

    /// <summary>Appends the column as <c>varUint8Array</c>; later writes continue normally.</summary>
    public void WriteColumnTo(Lib0Writer dest)
    {
        ReadOnlySpan<char> text = _chars.AsSpan(0, _length);
        int utf8Length = System.Text.Encoding.UTF8.GetByteCount(text);
        ReadOnlySpan<byte> lengths = _lengths.BeginFlush(out int mark);
        long total = VarUintSize((ulong)utf8Length) + (long)utf8Length + lengths.Length;
        dest.WriteVarUint((ulong)total);
        dest.WriteVarString(text);
        dest.WriteUint8Array(lengths);
        _lengths.EndFlush(mark);
    }

    private static int VarUintSize(ulong v)
    {
        int n = 1;
        while (v >= 0x80)
        {
            v >>= 7;
            n++;
        }
        return n;
    }
}
