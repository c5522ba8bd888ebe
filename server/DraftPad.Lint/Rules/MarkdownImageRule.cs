namespace DraftPad.Lint.Rules;

/// <summary>NL036: images are shown with the figure shortcode, not with markdown image syntax (unused since 2022).</summary>
internal sealed class MarkdownImageRule() : Rule("NL036", LintSeverity.Warning, "markdown-image")
{
    public override void Check(LintContext context)
    {
        if (!context.IsCurrentLayout) return;
        foreach (var link in context.Links)
        {
            if (!link.IsImage) continue;
            Report(context, link.Offset, link.Length,
                "Show images with the figure shortcode: {{< figure src=\"/images/newsletter/<release-date>/<name>\" caption=\"...\" >}}.");
        }
    }
}
