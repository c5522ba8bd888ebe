namespace DraftPad.Lint.Analysis;

/// <summary>An HTML comment <c>&lt;!-- ... --&gt;</c> of the body (an editor-only note).</summary>
/// <param name="Offset">Offset of <c>&lt;!--</c>.</param>
/// <param name="Length">Through <c>--&gt;</c>, or to the end of the text when not closed.</param>
/// <param name="Closed">Whether <c>--&gt;</c> was found.</param>
internal readonly record struct EditorComment(int Offset, int Length, bool Closed);

/// <summary>Finds editor-only notes: HTML comments, and lines starting with TODO (outside code and comments).</summary>
internal static class EditorNoteScanner
{
    public static (List<EditorComment> Comments, List<(int Offset, int Length)> Todos) Scan(
        string text, int from, List<(int Start, int End)> code, LineMap lines)
    {
        var comments = new List<EditorComment>();
        var pos = from;
        while (pos < text.Length)
        {
            var i = text.IndexOf("<!--", pos, StringComparison.Ordinal);
            if (i < 0) break;
            if (InRanges(code, i, out var codeEnd))
            {
                pos = codeEnd;
                continue;
            }
            var close = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
            if (close < 0)
            {
                comments.Add(new EditorComment(i, text.Length - i, false));
                break;
            }
            comments.Add(new EditorComment(i, close + 3 - i, true));
            pos = close + 3;
        }

        var todos = new List<(int, int)>();
        var firstLine = lines.LineIndexOf(Math.Min(from, Math.Max(0, text.Length)));
        if (from > 0 && from <= text.Length && lines.LineStart(firstLine) < from) firstLine++;
        for (var line = firstLine; line < lines.LineCount; line++)
        {
            var start = lines.LineStart(line);
            var end = lines.LineEnd(line);
            var p = start;
            while (p < end && (text[p] == ' ' || text[p] == '\t')) p++;
            if (p + 1 < end && text[p] is '-' or '*' or '+' && text[p + 1] == ' ')
            {
                p += 2;
                while (p < end && text[p] == ' ') p++;
            }
            if (p + 4 > end || string.CompareOrdinal(text, p, "TODO", 0, 4) != 0) continue;
            if (p + 4 < end && char.IsLetterOrDigit(text[p + 4])) continue;
            if (InRanges(code, p, out _) || InComments(comments, p)) continue;
            todos.Add((start, end - start));
        }
        return (comments, todos);
    }

    private static bool InRanges(List<(int Start, int End)> ranges, int offset, out int end)
    {
        foreach (var (s, e) in ranges)
        {
            if (s > offset) break;
            if (offset < e)
            {
                end = e;
                return true;
            }
        }
        end = offset;
        return false;
    }

    private static bool InComments(List<EditorComment> comments, int offset)
    {
        foreach (var c in comments)
        {
            if (c.Offset > offset) break;
            if (offset < c.Offset + c.Length) return true;
        }
        return false;
    }
}
