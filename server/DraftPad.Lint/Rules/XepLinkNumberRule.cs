namespace DraftPad.Lint.Rules;

/// <summary>NL030: a link labelled with one XEP number goes to another XEP's page.</summary>
internal sealed class XepLinkNumberRule() : Rule("NL030", LintSeverity.Error, "xep-link-number")
{
    public override void Check(LintContext context)
    {
        foreach (var link in context.Links)
        {
            if (link.IsImage || link.Label.Length == 0) continue;
            var target = XepLinks.TargetNumber().Match(link.Url);
            if (!target.Success) continue;
            var numbers = XepLinks.TextNumber().Matches(link.Label).Select(m => int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
            if (numbers.Count != 1) continue;
            var targetNumber = int.Parse(target.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            if (numbers[0] == targetNumber) continue;
            Report(context, link.Offset, link.Length,
                $"The link text names XEP-{numbers[0]:D4} but the link goes to XEP-{targetNumber:D4}: correct the text or the target.");
        }
    }
}
