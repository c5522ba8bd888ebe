using System.Text;
using DraftPad.Export.GitHub;
using DraftPad.Export.Rendering;
using DraftPad.Export.Tests.Support;

namespace DraftPad.Export.Tests.Rendering;

/// <summary>Paths, front matter, pull request text, blob ids and the API address.</summary>
public sealed class RenderingTests
{
    private static ExportRequest Request(string markdown, IReadOnlyList<ExportImage>? images = null, ExportPhase phase = ExportPhase.Draft) => new()
    {
        Year = 2026,
        Month = 11,
        ReleaseDate = new DateOnly(2026, 12, 5),
        Markdown = markdown,
        Images = images ?? [],
        Phase = phase,
    };

    [Fact]
    public void Post_and_images_go_where_the_site_keeps_them()
    {
        var files = PostRenderer.Render(Request("---\ntitle: x\n---\n", [new ExportImage("Dino_0.5.PNG", [1])]));
        Assert.Equal(["content/blog/newsletter/2026-12-05-newsletter.md", "static/images/newsletter/2026-12-05/Dino_0.5.PNG"], files.Select(f => f.Path));
        Assert.Equal("/images/newsletter/2026-12-05/Dino_0.5.PNG", PostLayout.ImageUrl(new DateOnly(2026, 12, 5), "Dino_0.5.PNG"));
    }

    [Fact]
    public void Text_with_front_matter_is_written_as_it_is_and_text_without_gets_the_sites()
    {
        const string crlf = "---\r\ntitle: The XMPP Newsletter November 2026\r\n---\r\n\r\nBody\r\n";
        Assert.Equal(Encoding.UTF8.GetBytes(crlf), PostRenderer.Render(Request(crlf))[0].Content);
        Assert.Equal(
            "---\ntitle: The XMPP Newsletter November 2026\ndate: 2026-12-05\ncategories: ['Newsletter']\n---\n\nWelcome!\n",
            Encoding.UTF8.GetString(PostRenderer.Render(Request("Welcome!\n"))[0].Content));
        // The exporter never strips anything itself: editor notes are removed before it (EditorNotes.Strip).
        const string withComment = "---\ntitle: x\n---\n\n<!-- kept by the renderer -->\n";
        Assert.Equal(Encoding.UTF8.GetBytes(withComment), PostRenderer.Render(Request(withComment))[0].Content);
    }

    [Theory]
    [InlineData("../escape.png")]
    [InlineData("sub/dir.png")]
    [InlineData(".hidden.png")]
    [InlineData("script.js")]
    [InlineData("space name.png")]
    [InlineData("")]
    public void Unsafe_image_names_are_refused(string name) =>
        Assert.Throws<ArgumentException>(() => PostRenderer.Render(Request("x", [new ExportImage(name, [1])])));

    [Fact]
    public void Two_images_with_one_name_are_refused() =>
        Assert.Throws<ArgumentException>(() => PostRenderer.Render(Request("x", [new ExportImage("a.png", [1]), new ExportImage("A.PNG", [2])])));

    [Theory]
    [InlineData(ExportPhase.Draft, "Draft: The XMPP Newsletter November 2026")]
    [InlineData(ExportPhase.Review, "Review: The XMPP Newsletter November 2026")]
    [InlineData(ExportPhase.EditorialClosing, "EDITORIAL CLOSING: The XMPP Newsletter November 2026")]
    public void The_title_carries_the_phase(ExportPhase phase, string title) => Assert.Equal(title, PullRequestText.Title(Request("x", phase: phase)));

    [Fact]
    public void The_body_follows_the_newsletter_template()
    {
        var request = Request("x", phase: ExportPhase.Review) with { LintWarnings = ["NL010 line 3: something"], Contributors = ["Alice", "Bob"] };
        var body = PullRequestText.Body(request);
        Assert.Contains("- Covered month: **November 2026**\n", body, StringComparison.Ordinal);
        Assert.Contains("- Planned release date: **2026-12-05**\n", body, StringComparison.Ordinal);
        Assert.Contains("- Post: `content/blog/newsletter/2026-12-05-newsletter.md`\n", body, StringComparison.Ordinal);
        Assert.Contains("- Pad is closed for November 2026!\n", body, StringComparison.Ordinal);
        Assert.Contains("| 2026-12-01 to 2026-12-02 | last call for edits |\n", body, StringComparison.Ordinal);
        Assert.Contains("| 2026-12-03 to 2026-12-05 | review and translations |\n", body, StringComparison.Ordinal);
        Assert.Contains("The DraftPad linter reports 1 warning:\n\n- NL010 line 3: something\n", body, StringComparison.Ordinal);
        Assert.Contains("Thank you, Alice, Bob!", body, StringComparison.Ordinal);
        Assert.Equal(body, PullRequestText.Body(request)); // deterministic: an unchanged export leaves the pull request alone
    }

    [Fact]
    public async Task Blob_ids_are_git_hash_object()
    {
        var dir = Directory.CreateTempSubdirectory("hash-").FullName;
        try
        {
            var random = new Random(TestSettings.Seed);
            foreach (var size in new[] { 0, 1, 59, 4096, 100_003 })
            {
                var bytes = new byte[size];
                random.NextBytes(bytes);
                File.WriteAllBytes(Path.Combine(dir, "f"), bytes);
                var (code, output, error) = await Git.RunAsync(dir, "hash-object", "f");
                Assert.True(code == 0, error);
                Assert.Equal(output.Trim(), GitObjects.BlobSha(bytes));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("https://api.github.com/", "https://api.github.com/")]
    [InlineData("https://api.github.com", "https://api.github.com/")]
    [InlineData("https://github.example.org/", "https://github.example.org/api/v3/")]
    [InlineData("https://github.example.org/api/v3", "https://github.example.org/api/v3/")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/api/v3/")]
    public void The_API_base_address_is_what_Octokit_needs(string configured, string expected) =>
        Assert.Equal(expected, GitHubAuth.ApiBase(new Uri(configured)).ToString());

    [Fact]
    public void A_commit_is_DraftPads_when_its_trailer_names_its_own_tree()
    {
        var tree = new string('a', 40);
        Assert.True(NewsletterExporter.IsExportCommit(new CommitInfo("c", tree, $"Newsletter: export\n\n{NewsletterExporter.TreeTrailer}{tree}\n", [])));
        Assert.False(NewsletterExporter.IsExportCommit(new CommitInfo("c", new string('b', 40), $"Newsletter: export\n\n{NewsletterExporter.TreeTrailer}{tree}\n", [])));
        Assert.False(NewsletterExporter.IsExportCommit(new CommitInfo("c", tree, "Fix typo", [])));
    }
}
