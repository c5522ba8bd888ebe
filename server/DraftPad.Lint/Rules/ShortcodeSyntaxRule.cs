namespace DraftPad.Lint.Rules;

/// <summary>NL040: a shortcode is closed (<c>&gt;}}</c>), with matching delimiters and closed quotes.</summary>
internal sealed class ShortcodeSyntaxRule() : Rule("NL040", LintSeverity.Error, "shortcode-syntax")
{
    public override void Check(LintContext context)
    {
        foreach (var sc in context.Shortcodes)
        {
            if (sc.Error is null) continue;
            var line = context.Lines.LineIndexOf(sc.Offset);
            var length = Math.Min(sc.Length, context.Lines.LineEnd(line) - sc.Offset);
            var closer = sc.Delimiter == '<' ? ">}}" : "%}}";
            Report(context, sc.Offset, Math.Max(length, 3),
                $"The shortcode '{{{{{sc.Delimiter} {sc.Name}' {sc.Error}: end it with '{closer}' on the same paragraph, or the site does not build.");
        }
    }
}
