using DraftPad.Lint.Analysis;

namespace DraftPad.Lint.Rules;

/// <summary>NL043: a shortcode parameter the site's shortcode ignores (a typo, e.g. <c>captoin</c>).</summary>
internal sealed class ShortcodeUnknownParamsRule() : Rule("NL043", LintSeverity.Warning, "shortcode-unknown-params")
{
    public override void Check(LintContext context)
    {
        foreach (var sc in context.Shortcodes)
        {
            if (sc.Error is not null || sc.IsClosing || !NewsletterLayout.Shortcodes.TryGetValue(sc.Name, out var spec)) continue;
            foreach (var p in sc.Params)
            {
                if (p.Name is null || spec.Allowed.Contains(p.Name)) continue;
                Report(context, p.Offset, p.Length, spec.Allowed.Length == 0
                    ? $"'{sc.Name}' takes no parameters: remove '{p.Name}'."
                    : $"'{sc.Name}' has no parameter '{p.Name}' (it is ignored): use one of {string.Join(", ", spec.Allowed)}.");
            }
        }
    }
}
