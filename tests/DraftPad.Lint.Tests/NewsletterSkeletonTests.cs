using System.Text.RegularExpressions;
using DraftPad.Testing;

namespace DraftPad.Lint.Tests;

/// <summary>The skeleton of a new month's pad against the real published issues.</summary>
public sealed class NewsletterSkeletonTests
{
    [Theory]
    [InlineData(2026, 11, "November 2026", "2026-12-05")]
    [InlineData(2026, 12, "December 2026", "2027-01-05")]
    [InlineData(2027, 1, "January 2027", "2027-02-05")]
    public void Front_matter_title_date_and_welcome_name_the_month(int year, int month, string name, string release)
    {
        var text = NewsletterSkeleton.Create(year, month);
        Assert.StartsWith($"---\ntitle: The XMPP Newsletter {name}\ndate: {release}\ncategories: ['Newsletter']\n", text);
        Assert.Contains($"This issue covers the month of {name}.", text);
    }

    [Fact]
    public void An_explicit_release_date_is_used()
    {
        var text = NewsletterSkeleton.Create(2026, 2, new DateOnly(2026, 3, 10));
        Assert.Contains("\ndate: 2026-03-10\n", text);
    }

    [Fact]
    public void Sections_and_subsections_follow_the_current_layout()
    {
        var headings = Regex.Matches(NewsletterSkeleton.Create(2026, 11), "^(#{2,3}) (.+)$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value + " " + m.Groups[2].Value).ToList();
        string[] expected =
        [
            "## XSF Announcements", "## XMPP Events", "## Videos and Talks", "## XMPP Articles",
            "## XMPP Software News", "### XMPP Clients and Applications", "### XMPP Servers", "### XMPP Libraries & Tools",
            "## Extensions and specifications", "### Proposed", "### New", "### Deferred", "### Updated", "### Last Call",
            "### Stable", "### Deprecated", "### Rejected",
            "## Spread the news", "### Newsletter Contributors & Translations",
            "## Help us to build the newsletter", "## Unsubscribe from the XMPP Newsletter", "## License",
        ];
        Assert.Equal(expected, headings);
    }

    [Fact]
    public void Every_extensions_subsection_holds_exactly_its_placeholder()
    {
        var text = NewsletterSkeleton.Create(2026, 11);
        foreach (var (heading, _, placeholder) in NewsletterSkeleton.ExtensionSubsections)
        {
            var section = Regex.Match(text, $"### {Regex.Escape(heading)}\n(.*?)(?=\n##)", RegexOptions.Singleline).Groups[1].Value;
            var items = section.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
            Assert.Equal(["- " + placeholder], items);
        }
    }

    [Fact]
    public void Standard_paragraphs_are_verbatim_from_the_latest_published_issue()
    {
        var latest = Directory.GetFiles(Path.Combine(SharedData.Root, "corpus", "newsletters"), "*-newsletter.md").Order(StringComparer.Ordinal).Last();
        var published = File.ReadAllText(latest);
        var paragraphs = NewsletterSkeleton.Create(2026, 11).Split("\n\n")
            .Where(p => !p.StartsWith('#') && !p.StartsWith("---", StringComparison.Ordinal) && !p.StartsWith("- ", StringComparison.Ordinal)
                && !p.Contains("<!--", StringComparison.Ordinal) && !p.Contains("2026", StringComparison.Ordinal))
            .ToList();
        Assert.True(paragraphs.Count >= 10, $"only {paragraphs.Count} standard paragraphs found");
        foreach (var paragraph in paragraphs)
        {
            Assert.True(published.Contains(paragraph, StringComparison.Ordinal), $"not in {Path.GetFileName(latest)}:\n{paragraph}");
        }
    }
}
