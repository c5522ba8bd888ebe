using System.Text;
using DraftPad.Export.Rendering;
using DraftPad.Export.Tests.Support;
using static DraftPad.Export.Tests.Support.ExportHarness;

namespace DraftPad.Export.Tests.Export;

/// <summary>Dry runs (<see cref="NewsletterExporter.PlanAsync"/>): the files and a unified diff as git prints it; nothing written.</summary>
public sealed class PlanTests
{
    [Fact]
    public async Task Before_the_first_export_the_plan_shows_every_file_as_new()
    {
        await using var h = await StartAsync();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 0, 7 };
        var request = Request(images: [new ExportImage("dino.png", png)]);

        var plan = await h.Exporter.PlanAsync(request);

        Assert.Equal(Branch, plan.Branch);
        Assert.Equal([PostPath, "static/images/newsletter/2026-12-05/dino.png"], plan.Files.Select(f => f.Path));
        Assert.Equal(Utf8(Post()), plan.Files[0].Content);
        Assert.Equal(png, plan.Files[1].Content);
        Assert.Equal(PullRequestText.Title(request), plan.Title);
        Assert.Equal(PullRequestText.Body(request), plan.Body);
        var expected = await GitDiff.NoIndexAsync(PostPath, null, Post()) + "Binary file b/static/images/newsletter/2026-12-05/dino.png added\n";
        Assert.Equal(expected, plan.Diff);
        Assert.StartsWith($"--- /dev/null\n+++ b/{PostPath}\n@@ -0,0 +1,21 @@\n+---\n+title: The XMPP Newsletter November 2026\n", plan.Diff, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Server.Requests, r => r.IsWrite);
        Assert.Null(await h.Server.BranchHeadAsync(Branch));
    }

    [Fact]
    public async Task After_an_export_the_plan_diffs_against_the_branch_including_removals()
    {
        await using var h = await StartAsync();
        var first = await h.Exporter.ExportAsync(Request(images: [new ExportImage("old.png", [1, 2, 3]), new ExportImage("kept.png", [4, 5])]));
        var edited = Post("- [Gajim](https://gajim.org) has released version 2.4.\n")
            .Replace("great to have you here again!", "great to have you here again.", StringComparison.Ordinal);
        h.Server.ClearRequests();

        var plan = await h.Exporter.PlanAsync(Request(edited, [new ExportImage("kept.png", [4, 5]), new ExportImage("new.png", [6])], first.Commit));

        var expected = new StringBuilder()
            .Append(await GitDiff.NoIndexAsync(PostPath, Post(), edited))
            .Append("Binary file b/static/images/newsletter/2026-12-05/new.png added\n")
            .Append("Binary file a/static/images/newsletter/2026-12-05/old.png deleted\n")
            .ToString();
        Assert.Equal(expected, plan.Diff);
        Assert.Contains("-Welcome to the XMPP Newsletter, great to have you here again!\n+Welcome to the XMPP Newsletter, great to have you here again.\n", plan.Diff, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Server.Requests, r => r.IsWrite);
        Assert.Equal(first.Commit, await h.Server.BranchHeadAsync(Branch));

        var same = await h.Exporter.PlanAsync(Request(images: [new ExportImage("old.png", [1, 2, 3]), new ExportImage("kept.png", [4, 5])], lastExportCommit: first.Commit));
        Assert.Equal("", same.Diff);
    }

    [Fact]
    public async Task A_post_that_moved_to_a_new_release_date_shows_the_old_one_removed()
    {
        await using var h = await StartAsync();
        await h.Exporter.ExportAsync(Request());
        var plan = await h.Exporter.PlanAsync(Request(releaseDate: new DateOnly(2026, 12, 10)));
        var expected = await GitDiff.NoIndexAsync("content/blog/newsletter/2026-12-10-newsletter.md", null, Post())
            + await GitDiff.NoIndexAsync(PostPath, Post(), null);
        Assert.Equal(expected, plan.Diff);
    }
}
