namespace DraftPad.Lint.Analysis;

/// <summary>Line starts of a text, for offset to line/column conversion (UTF-16 code units, 1-based).</summary>
internal sealed class LineMap
{
    private readonly int[] _starts;
    private readonly string _text;

    public LineMap(string text)
    {
        _text = text;
        var starts = new List<int>(text.Length / 40 + 2) { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n') starts.Add(i + 1);
            else if (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')) starts.Add(i + 1);
        }
        _starts = [.. starts];
    }

    public int LineCount => _starts.Length;

    /// <summary>0-based line index of <paramref name="offset"/>.</summary>
    public int LineIndexOf(int offset)
    {
        var i = Array.BinarySearch(_starts, offset);
        return i >= 0 ? i : ~i - 1;
    }

    public int LineStart(int lineIndex) => _starts[lineIndex];

    /// <summary>End of the line's content (before its line break).</summary>
    public int LineEnd(int lineIndex)
    {
        var end = lineIndex + 1 < _starts.Length ? _starts[lineIndex + 1] : _text.Length;
        while (end > _starts[lineIndex] && (_text[end - 1] == '\n' || _text[end - 1] == '\r')) end--;
        return end;
    }

    /// <summary>Start of the next line (after the line break), or the text's end.</summary>
    public int NextLineStart(int lineIndex) => lineIndex + 1 < _starts.Length ? _starts[lineIndex + 1] : _text.Length;

    public bool IsBlank(int lineIndex)
    {
        for (var i = _starts[lineIndex]; i < LineEnd(lineIndex); i++)
        {
            if (!char.IsWhiteSpace(_text[i])) return false;
        }
        return true;
    }

    public SourceRange Range(int offset, int length)
    {
        offset = Math.Clamp(offset, 0, _text.Length);
        length = Math.Clamp(length, 0, _text.Length - offset);
        var line = LineIndexOf(offset);
        return new SourceRange(offset, length, line + 1, offset - _starts[line] + 1);
    }
}
