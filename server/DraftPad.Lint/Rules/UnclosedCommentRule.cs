namespace DraftPad.Lint.Rules;

/// <summary>NL051: an HTML comment without <c>--&gt;</c> hides everything after it.</summary>
internal sealed class UnclosedCommentRule() : Rule("NL051", LintSeverity.Error, "unclosed-comment")
{
    public override void Check(LintContext context)
    {
        foreach (var c in context.Comments)
        {
            if (c.Closed) continue;
            var line = context.Lines.LineIndexOf(c.Offset);
            Report(context, c.Offset, context.Lines.LineEnd(line) - c.Offset,
                "This comment is not closed with '-->': everything after it would vanish from the post. Close it.");
        }
    }
}
