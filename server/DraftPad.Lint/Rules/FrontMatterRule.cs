namespace DraftPad.Lint.Rules;

/// <summary>NL001: the post starts with YAML front matter that parses as a mapping.</summary>
internal sealed class FrontMatterRule() : Rule("NL001", LintSeverity.Error, "front-matter")
{
    public override void Check(LintContext context)
    {
        var fm = context.FrontMatter;
        if (fm is null)
        {
            var firstLine = context.Lines.LineEnd(0);
            Report(context, 0, firstLine, "The post has no YAML front matter: start it with a '---' line, the title, date and categories, and a closing '---' line.");
            return;
        }
        if (fm.Error is { } error)
        {
            var line = context.Lines.LineIndexOf(error.Offset);
            var start = Math.Max(error.Offset, context.Lines.LineStart(line));
            Report(context, start, Math.Max(0, context.Lines.LineEnd(line) - start),
                $"The front matter is not valid YAML ({error.Message}): fix it, or the site does not build. Quote values that contain ': '.");
            return;
        }
        if (fm.NotAMapping)
        {
            Report(context, 0, context.Lines.LineEnd(0), "The front matter holds no 'key: value' lines: add title, date and categories.");
        }
    }
}
