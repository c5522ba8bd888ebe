using DraftPad.Lint.Analysis;

namespace DraftPad.Lint.Rules;

/// <summary>NL021: each Extensions subsection holds entries or its placeholder sentence, never neither and never both.</summary>
internal sealed class ExtensionPlaceholderRule() : Rule("NL021", LintSeverity.Error, "extensions-placeholder")
{
    public override void Check(LintContext context)
    {
        if (!context.IsCurrentLayout || ExtensionContent.ExtensionsHeading(context) is not HeadingInfo ext) return;
        foreach (var h in ExtensionContent.Subsections(context, ext))
        {
            var (entries, placeholders) = ExtensionContent.Classify(context, h);
            if (entries == 0 && placeholders.Count == 0)
            {
                var (_, placeholder) = NewsletterLayout.ExtensionDefaults(h.Text);
                var insertAt = ExtensionContent.ContentEndOffset(context, h);
                Report(context, h.Offset, h.Length, $"'### {h.Text}' is empty: add its entries, or '- {placeholder}'.",
                    Edits.Fix("Add the placeholder", Edits.InsertBlock(context, insertAt, $"- {placeholder}\n")));
            }
            else if (entries > 0)
            {
                foreach (var p in placeholders)
                {
                    Report(context, p.TextOffset, p.TextLength, $"'### {h.Text}' has entries, so remove the placeholder '{p.Text}'.",
                        Edits.Fix("Remove the placeholder", Edits.RemoveLines(context, p.FirstLine, p.LastLine)));
                }
            }
        }
    }
}
