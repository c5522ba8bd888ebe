using DraftPad.Lint.Analysis;

namespace DraftPad.Lint.Rules;

/// <summary>NL042: figure and video carry a non-empty <c>src</c>, as named parameters.</summary>
internal sealed class ShortcodeRequiredParamsRule() : Rule("NL042", LintSeverity.Error, "shortcode-required-params")
{
    public override void Check(LintContext context)
    {
        foreach (var sc in context.Shortcodes)
        {
            if (sc.Error is not null || sc.IsClosing || !NewsletterLayout.Shortcodes.TryGetValue(sc.Name, out var spec)) continue;
            if (spec.Required.Length > 0 && sc.Params.Any(p => p.Name is null))
            {
                Report(context, sc.Offset, sc.Length, $"'{sc.Name}' takes named parameters: write src=\"...\" rather than a bare value.");
                continue;
            }
            foreach (var required in spec.Required)
            {
                var p = sc.Params.FirstOrDefault(x => x.Name == required);
                if (p is null)
                {
                    Report(context, sc.Offset, sc.Length, $"The {sc.Name} shortcode has no {required}: add {required}=\"/images/newsletter/<release-date>/<name>\".");
                }
                else if (string.IsNullOrWhiteSpace(p.Value))
                {
                    Report(context, p.Offset, p.Length, $"The {sc.Name} shortcode's {required} is empty: put the image's path.");
                }
            }
        }
    }
}
