using DraftPad.Lint.Analysis;

namespace DraftPad.Lint.Rules;

/// <summary>NL022: a placeholder sentence that names another subsection (copied from the wrong place).</summary>
internal sealed class PlaceholderMismatchRule() : Rule("NL022", LintSeverity.Warning, "placeholder-mismatch")
{
    public override void Check(LintContext context)
    {
        if (!context.IsCurrentLayout || ExtensionContent.ExtensionsHeading(context) is not HeadingInfo ext) return;
        foreach (var h in ExtensionContent.Subsections(context, ext))
        {
            var own = NewsletterLayout.PlaceholderKeywords(h.Text);
            foreach (var p in ExtensionContent.Classify(context, h).Placeholders)
            {
                var lower = p.Text.ToLowerInvariant();
                if (own.Any(k => lower.Contains(k, StringComparison.Ordinal))) continue;
                var other = NewsletterLayout.ExtensionSubsections.FirstOrDefault(s =>
                    !string.Equals(s, h.Text, StringComparison.OrdinalIgnoreCase)
                    && NewsletterLayout.PlaceholderKeywords(s).Any(k => lower.Contains(k, StringComparison.Ordinal)));
                if (other is null) continue;
                var (_, placeholder) = NewsletterLayout.ExtensionDefaults(h.Text);
                Report(context, p.TextOffset, p.TextLength, $"The placeholder '{p.Text}' is about {other}, but stands under '### {h.Text}': write '{placeholder}'.",
                    Edits.Fix("Use this subsection's placeholder", new TextEdit(p.TextOffset, p.TextLength, placeholder)));
            }
        }
    }
}
