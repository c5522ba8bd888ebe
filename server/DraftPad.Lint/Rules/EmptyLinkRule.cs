using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DraftPad.Lint.Rules;

/// <summary>NL032: a link without text or without target.</summary>
internal sealed class EmptyLinkRule() : Rule("NL032", LintSeverity.Error, "empty-link")
{
    public override void Check(LintContext context)
    {
        foreach (var link in context.Links)
        {
            if (link.IsAutoLink) continue;
            if (string.IsNullOrWhiteSpace(link.Url))
            {
                Report(context, link.Offset, link.Length, link.IsImage ? "The image has no address: add it between the parentheses." : "The link has no target: add the address between the parentheses.");
            }
            else if (!link.IsImage && link.Label.Length == 0 && !((ContainerInline)link.Inline).Descendants<LinkInline>().Any(l => l.IsImage))
            {
                Report(context, link.Offset, link.Length, "The link has no text: write what it links to between the brackets.");
            }
        }
    }
}
