namespace DraftPad.Lint.Rules;

/// <summary>NL015: a section, or a known subsection of one section, appears twice.</summary>
internal sealed class DuplicateSectionRule() : Rule("NL015", LintSeverity.Error, "duplicate-section")
{
    public override void Check(LintContext context)
    {
        if (!context.IsCurrentLayout) return;
        var seen = new Dictionary<string, Analysis.HeadingInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in context.Headings)
        {
            string key;
            if (h.EffectiveLevel <= 2)
            {
                // Aliases of one slot count as one section, except the videos slot ("Videos" and "Talks" may both stand).
                key = h.Section is { } def && def.Key != "videos" ? "s:" + def.Key : "s:" + h.Text;
            }
            else if (h.IsKnownSubsection && h.Parent is not null)
            {
                key = $"{h.Parent.RootIndex}:{h.Text}";
            }
            else continue;
            if (seen.TryGetValue(key, out var first))
            {
                Report(context, h.Offset, h.Length,
                    $"'{h.Text}' appears a second time (first on line {context.GetRange(first.Offset, 0).Line}): merge the two into one.");
            }
            else
            {
                seen[key] = h;
            }
        }
    }
}
