using DraftPad.Crdt.Encoding;

namespace DraftPad.Crdt.Structs;

/// <summary>
/// Text content. Kept in a growable char buffer because sequential typing merges each new
/// character into its left neighbour; string concatenation would make that quadratic.
/// Lengths are UTF-16 code units, as in Yjs.
/// </summary>
internal sealed class ContentString : Content
{
    private char[] _chars;
    private int _length;

    public ContentString(string text)
    {
        _chars = text.ToCharArray();
        _length = _chars.Length;
    }

    private ContentString(char[] chars, int length)
    {
        _chars = chars;
        _length = length;
    }

    public override byte Ref => ContentRef.String;
    public override int Length => _length;
    public override bool Countable => true;

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, _length);

    public override string ToString() => new(_chars, 0, _length);

    public override Content Splice(int offset)
    {
        var rightChars = _chars.AsSpan(offset, _length - offset).ToArray();
        var right = new ContentString(rightChars, rightChars.Length);
        _length = offset;
        if (_chars.Length > 2 * offset + 16)
        {
            // Do not let a short left part pin a long buffer: repeated splits would add up quadratically.
            _chars = _chars.AsSpan(0, offset).ToArray();
        }
        // Yjs never leaves half a surrogate pair: both halves become U+FFFD, on every peer alike.
        if (offset > 0 && char.IsHighSurrogate(_chars[offset - 1]))
        {
            _chars[offset - 1] = '\uFFFD';
            if (right._length > 0) right._chars[0] = '\uFFFD';
        }
        return right;
    }

    public override bool TryMerge(Content right)
    {
        var other = (ContentString)right;
        var needed = _length + other._length;
        if (needed > _chars.Length)
        {
            var grown = new char[Math.Max(needed, _chars.Length * 2)];
            _chars.AsSpan(0, _length).CopyTo(grown);
            _chars = grown;
        }
        other.Span.CopyTo(_chars.AsSpan(_length));
        _length = needed;
        return true;
    }

    public override void Write(IUpdateEncoder encoder, int offset) =>
        encoder.WriteString(new string(_chars, offset, _length - offset));

    public override void AppendValues(List<object?> values)
    {
        for (var i = 0; i < _length; i++) values.Add(_chars[i].ToString());
    }
}
