using System.Globalization;
using System.Text.RegularExpressions;
using DraftPad.Lint.Analysis;

namespace DraftPad.Lint.Rules;

/// <summary>NL044: figures of the issue live in <c>/images/newsletter/&lt;release-date&gt;/</c> (the shared banner and site images aside).</summary>
internal sealed partial class FigureLocationRule() : Rule("NL044", LintSeverity.Warning, "figure-location")
{
    private const string Banner = "/images/newsletter/xmpp_newsletter_banner.jpg";

    [GeneratedRegex(@"^/images/newsletter/(\d{4}-\d{2}-\d{2})/[^/]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IssueImage();

    public override void Check(LintContext context)
    {
        if (!context.IsCurrentLayout) return;
        var folder = context.Options.ReleaseDate ?? context.ReleaseDate;
        var folderText = folder is DateOnly f ? f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "<release-date>";
        foreach (var sc in context.Shortcodes)
        {
            if (sc.Error is not null || sc.Name is not ("figure" or "video")) continue;
            var src = sc.Params.FirstOrDefault(p => p.Name == "src");
            if (src is null || string.IsNullOrWhiteSpace(src.Value)) continue;
            var value = src.Value.Trim();
            if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                Report(context, src.ValueOffset, src.ValueLength, $"The image is hosted elsewhere: add it to the post's images and use '/images/newsletter/{folderText}/<name>'.");
                continue;
            }
            if (!value.StartsWith('/'))
            {
                Report(context, src.ValueOffset, src.ValueLength, $"A relative image path breaks on the post's page: use '/images/newsletter/{folderText}/{value}'.");
                continue;
            }
            if (value == Banner || !value.StartsWith("/images/newsletter/", StringComparison.Ordinal)) continue;
            var m = IssueImage().Match(value);
            if (!m.Success)
            {
                Report(context, src.ValueOffset, src.ValueLength, $"Put the issue's images in its folder: '/images/newsletter/{folderText}/<name>'.");
                continue;
            }
            if (!DateOnly.TryParseExact(m.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) continue;
            // The folder keeps the planned date when the release moves within its month.
            DateOnly?[] accepted = [context.Options.ReleaseDate, context.FrontMatterDate, context.ReleaseDate];
            if (accepted.Any(a => a is DateOnly d && d.Year == date.Year && d.Month == date.Month)) continue;
            if (folder is null) continue;
            Report(context, src.ValueOffset, src.ValueLength,
                $"The image is in the folder of {m.Groups[1].Value}, not in this issue's '/images/newsletter/{folderText}/': move it there.");
        }
    }
}
