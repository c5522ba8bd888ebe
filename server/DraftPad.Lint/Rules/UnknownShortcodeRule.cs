using DraftPad.Lint.Analysis;

namespace DraftPad.Lint.Rules;

/// <summary>NL041: only the newsletter's shortcodes (figure, video, newsletter-subscribe), never as closing tags.</summary>
internal sealed class UnknownShortcodeRule() : Rule("NL041", LintSeverity.Error, "unknown-shortcode")
{
    public override void Check(LintContext context)
    {
        foreach (var sc in context.Shortcodes)
        {
            if (sc.Error is not null) continue;
            if (sc.Name.Length == 0)
            {
                Report(context, sc.Offset, sc.Length, "The shortcode has no name: write '{{< figure src=\"...\" >}}'.");
            }
            else if (!NewsletterLayout.Shortcodes.ContainsKey(sc.Name))
            {
                Report(context, sc.Offset, sc.Length,
                    $"Unknown shortcode '{sc.Name}': newsletters use only figure, video and newsletter-subscribe (an unknown one breaks the site build).");
            }
            else if (sc.IsClosing)
            {
                Report(context, sc.Offset, sc.Length, $"'{sc.Name}' takes no closing tag: remove '{{{{< /{sc.Name} >}}}}' (it breaks the site build).");
            }
        }
    }
}
