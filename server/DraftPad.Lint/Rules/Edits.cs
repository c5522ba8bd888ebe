namespace DraftPad.Lint.Rules;

/// <summary>Builds the text edits of autofixes.</summary>
internal static class Edits
{
    /// <summary>Inserts a markdown block (ending with a line break) at a line start, keeping blank lines around it.</summary>
    public static TextEdit InsertBlock(LintContext context, int offset, string block)
    {
        var text = context.Text;
        var prefix = "";
        if (offset > 0)
        {
            if (text[offset - 1] != '\n') prefix = "\n\n";
            else if (!(offset >= 2 && text[offset - 2] == '\n') && !PrecededByBlankLine(context, offset)) prefix = "\n";
        }
        var suffix = offset < text.Length ? "\n" : "";
        return new TextEdit(offset, 0, prefix + block + suffix);
    }

    private static bool PrecededByBlankLine(LintContext context, int offset)
    {
        var line = context.Lines.LineIndexOf(offset);
        return line > 0 && context.Lines.IsBlank(line - 1);
    }

    /// <summary>Removes whole lines <paramref name="first"/>..<paramref name="last"/> (0-based), and one blank line when they stood between two.</summary>
    public static TextEdit RemoveLines(LintContext context, int first, int last)
    {
        var lines = context.Lines;
        var start = lines.LineStart(first);
        var end = lines.NextLineStart(last);
        if (first > 0 && last + 1 < lines.LineCount && lines.IsBlank(first - 1) && lines.IsBlank(last + 1))
        {
            end = lines.NextLineStart(last + 1);
        }
        return new TextEdit(start, end - start, "");
    }

    public static LintFix Fix(string title, params TextEdit[] edits) => new(title, edits);
}
