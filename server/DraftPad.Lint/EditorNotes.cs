namespace DraftPad.Lint;

/// <summary>
/// Editor-only notes: HTML comments <c>&lt;!-- ... --&gt;</c> and lines starting with <c>TODO</c> (after optional
/// indentation and list marker), outside code. They guide the people writing the pad and are never published.
/// </summary>
public static class EditorNotes
{
    /// <summary>
    /// The text as published: every closed HTML comment and every TODO line removed. A note that fills its
    /// line(s) removes the line(s), and a blank line too when the note stood between two blank lines; a note at
    /// the end of a line takes the spaces before it. An unclosed comment is left as is (rule NL051 reports it).
    /// </summary>
    public static string Strip(string markdown)
    {
        var text = markdown ?? "";
        if (text.Length == 0) return text;
        var context = new LintContext(text, new LintOptions(), []);
        var lines = context.Lines;
        var deleted = new bool[lines.LineCount];
        var edits = new List<TextEdit>();
        foreach (var c in context.Comments)
        {
            if (!c.Closed) continue;
            var end = c.Offset + c.Length;
            var first = lines.LineIndexOf(c.Offset);
            var last = lines.LineIndexOf(Math.Max(c.Offset, end - 1));
            var before = text.AsSpan(lines.LineStart(first), c.Offset - lines.LineStart(first));
            var after = text.AsSpan(end, lines.LineEnd(last) - end);
            if (before.IsWhiteSpace() && after.IsWhiteSpace())
            {
                for (var l = first; l <= last; l++) deleted[l] = true;
                continue;
            }
            var s = c.Offset;
            if (after.IsWhiteSpace())
            {
                while (s > lines.LineStart(first) && (text[s - 1] == ' ' || text[s - 1] == '\t')) s--;
            }
            edits.Add(new TextEdit(s, end - s, ""));
        }
        foreach (var (offset, _) in context.TodoLines) deleted[lines.LineIndexOf(offset)] = true;

        // A removed run of lines between two blank lines also takes one of them.
        for (var l = 0; l < deleted.Length; l++)
        {
            if (!deleted[l]) continue;
            var a = l;
            while (l + 1 < deleted.Length && deleted[l + 1]) l++;
            var b = l;
            if (a > 0 && b + 1 < deleted.Length && lines.IsBlank(a - 1) && lines.IsBlank(b + 1) && !deleted[a - 1])
            {
                deleted[b + 1] = true;
                l = b + 1;
            }
        }
        var lineEdits = new List<TextEdit>();
        for (var l = 0; l < deleted.Length; l++)
        {
            if (!deleted[l]) continue;
            var start = lines.LineStart(l);
            while (l + 1 < deleted.Length && deleted[l + 1]) l++;
            lineEdits.Add(new TextEdit(start, lines.NextLineStart(l) - start, ""));
        }
        // Inline removals inside deleted lines are covered by them.
        edits.RemoveAll(e => lineEdits.Any(d => e.Offset >= d.Offset && e.Offset + e.Length <= d.Offset + d.Length));
        edits.AddRange(lineEdits);
        return TextEdits.Apply(text, edits);
    }
}
