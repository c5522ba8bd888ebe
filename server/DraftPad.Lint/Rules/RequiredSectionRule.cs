namespace DraftPad.Lint.Rules;

/// <summary>NL017: the sections every issue has (software news, extensions, spread the news, help us, unsubscribe, license).</summary>
internal sealed class RequiredSectionRule() : Rule("NL017", LintSeverity.Error, "required-section")
{
    public override void Check(LintContext context)
    {
        if (!context.IsCurrentLayout) return;
        var present = context.Headings.Where(h => h.Section is not null).ToList();
        foreach (var def in Analysis.NewsletterLayout.Sections)
        {
            if (def.RequiredFrom is not DateOnly from || (context.ReleaseDate is DateOnly r && r < from)) continue;
            if (present.Any(h => h.Section!.Key == def.Key)) continue;
            var next = present.FirstOrDefault(h => h.Section!.Rank > def.Rank);
            int offset, length;
            if (next is not null) { offset = next.Offset; length = next.Length; }
            else { offset = context.Text.Length; length = 0; }
            Report(context, offset, length, next is not null
                ? $"The section '## {def.Canonical}' is missing: add it before '{next.Text}'."
                : $"The section '## {def.Canonical}' is missing: add it at the end.");
        }
    }
}
