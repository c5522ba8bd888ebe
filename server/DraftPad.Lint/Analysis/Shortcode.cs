namespace DraftPad.Lint.Analysis;

/// <summary>A parameter of a shortcode: name (null when positional), value, and the value's offsets.</summary>
internal sealed record ShortcodeParam(string? Name, string Value, int Offset, int Length, int ValueOffset, int ValueLength);

/// <summary>A Hugo shortcode call <c>{{&lt; name params &gt;}}</c> or <c>{{% ... %}}</c> found in the body.</summary>
internal sealed class Shortcode
{
    public required int Offset { get; init; }

    /// <summary>Length through the closing delimiter, or to where the scan stopped when unclosed.</summary>
    public required int Length { get; init; }

    public required string Name { get; init; }

    public required int NameOffset { get; init; }

    /// <summary><c>&lt;</c> or <c>%</c>.</summary>
    public required char Delimiter { get; init; }

    /// <summary>A closing tag <c>{{&lt; /name &gt;}}</c>.</summary>
    public bool IsClosing { get; init; }

    /// <summary>Syntax problem (unclosed, mismatched delimiter, unbalanced quote), or null.</summary>
    public string? Error { get; init; }

    public IReadOnlyList<ShortcodeParam> Params { get; init; } = [];
}

/// <summary>Finds shortcodes in the body, outside code.</summary>
internal static class ShortcodeScanner
{
    public static List<Shortcode> Scan(string text, int from, List<(int Start, int End)> code)
    {
        var result = new List<Shortcode>();
        var pos = from;
        var codeIndex = 0;
        while (pos < text.Length)
        {
            var i = text.IndexOf("{{", pos, StringComparison.Ordinal);
            if (i < 0 || i + 2 >= text.Length) break;
            while (codeIndex < code.Count && code[codeIndex].End <= i) codeIndex++;
            if (codeIndex < code.Count && code[codeIndex].Start <= i)
            {
                pos = code[codeIndex].End;
                continue;
            }
            var delim = text[i + 2];
            if (delim != '<' && delim != '%')
            {
                pos = i + 2;
                continue;
            }
            var sc = ParseOne(text, i, delim);
            result.Add(sc);
            pos = i + Math.Max(3, sc.Length);
        }
        return result;
    }

    private static Shortcode ParseOne(string text, int start, char delim)
    {
        var pos = start + 3;
        SkipSpaces(text, ref pos);
        var closing = false;
        if (pos < text.Length && text[pos] == '/')
        {
            closing = true;
            pos++;
            SkipSpaces(text, ref pos);
        }
        var nameStart = pos;
        while (pos < text.Length && !char.IsWhiteSpace(text[pos]) && !IsCloser(text, pos)) pos++;
        var name = text[nameStart..pos];
        var parameters = new List<ShortcodeParam>();
        string? error = null;
        while (true)
        {
            SkipSpaces(text, ref pos, allowNewline: true);
            if (pos >= text.Length || IsBlankLineAt(text, pos) || IsOpener(text, pos))
            {
                error = "is not closed";
                break;
            }
            if (IsCloser(text, pos))
            {
                var expected = delim == '<' ? '>' : '%';
                if (text[pos] != expected) error = $"opens with {{{{{delim} but closes with {text[pos]}}}}}";
                pos += 3;
                break;
            }
            // name=value or a positional value.
            var pStart = pos;
            string? pname = null;
            var identEnd = pos;
            while (identEnd < text.Length && (char.IsLetterOrDigit(text[identEnd]) || text[identEnd] is '-' or '_')) identEnd++;
            if (identEnd > pos && identEnd < text.Length && text[identEnd] == '=')
            {
                pname = text[pos..identEnd];
                pos = identEnd + 1;
            }
            var vStart = pos;
            string value;
            if (pos < text.Length && (text[pos] == '"' || text[pos] == '`'))
            {
                var q = text[pos];
                var end = pos + 1;
                // Hugo ends a "quoted" value at its line (a newline inside is an error); a `raw` value may span lines.
                while (end < text.Length && text[end] != q && !(q == '"' && text[end] is '\n' or '\r'))
                {
                    if (q == '"' && text[end] == '\\' && end + 1 < text.Length && text[end + 1] is not ('\n' or '\r')) end++;
                    end++;
                }
                if (end >= text.Length || text[end] != q)
                {
                    error = "has a quote that is not closed";
                    pos = Math.Min(end, text.Length);
                    break;
                }
                value = text[(pos + 1)..end];
                vStart = pos + 1;
                pos = end + 1;
                parameters.Add(new ShortcodeParam(pname, value, pStart, pos - pStart, vStart, end - vStart));
                continue;
            }
            else
            {
                while (pos < text.Length && !char.IsWhiteSpace(text[pos]) && !IsCloser(text, pos)) pos++;
                value = text[vStart..pos];
            }
            if (pos == pStart)
            {
                pos++;
                continue;
            }
            parameters.Add(new ShortcodeParam(pname, value, pStart, pos - pStart, vStart, pos - vStart));
        }
        return new Shortcode
        {
            Offset = start, Length = pos - start, Name = name, NameOffset = nameStart, Delimiter = delim, IsClosing = closing,
            Error = error, Params = parameters,
        };
    }

    private static bool IsCloser(string text, int pos) =>
        pos + 2 < text.Length && (text[pos] == '>' || text[pos] == '%') && text[pos + 1] == '}' && text[pos + 2] == '}';

    private static bool IsOpener(string text, int pos) =>
        pos + 2 < text.Length && text[pos] == '{' && text[pos + 1] == '{' && (text[pos + 2] == '<' || text[pos + 2] == '%');

    private static bool IsBlankLineAt(string text, int pos)
    {
        // pos is at a line start preceded by a newline, and the line is blank.
        if (pos == 0 || text[pos - 1] != '\n') return false;
        var i = pos;
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) i++;
        return i >= text.Length || text[i] == '\n';
    }

    private static void SkipSpaces(string text, ref int pos, bool allowNewline = false)
    {
        while (pos < text.Length && (text[pos] == ' ' || text[pos] == '\t' || (allowNewline && (text[pos] == '\n' || text[pos] == '\r'))))
        {
            if (text[pos] == '\n' && IsBlankLineAt(text, pos + 1)) { pos++; return; }
            pos++;
        }
    }
}
