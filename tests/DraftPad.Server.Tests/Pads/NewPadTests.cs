using System.Net.Http.Json;
using DraftPad.Server.Tests.Support;

namespace DraftPad.Server.Tests.Pads;

/// <summary>A new month's pad starts from the newsletter skeleton, in the document every client syncs.</summary>
public sealed class NewPadTests
{
    [Fact]
    public async Task A_pad_created_by_joining_starts_from_the_skeleton_of_its_month()
    {
        await using var host = await ServerHost.StartAsync();
        var next = TestPads.CurrentId.Next;
        var release = next.DefaultReleaseDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await using var peer = await PadPeer.JoinAsync(host, next.ToString());
        Assert.StartsWith($"---\ntitle: The XMPP Newsletter {next.DisplayName}\ndate: {release}\n", peer.Text);
        Assert.Contains($"This issue covers the month of {next.DisplayName}.", peer.Text);
        Assert.Contains("## Extensions and specifications", peer.Text);
        Assert.Contains("- No XEPs rejected this month.", peer.Text);
        Assert.Equal("open", peer.Doc.GetMap("meta").Get("status"));
        Assert.Equal(release, peer.Doc.GetMap("meta").Get("releaseDate"));
    }

    [Fact]
    public async Task A_release_date_given_at_creation_names_the_front_matter_date()
    {
        await using var host = await ServerHost.StartAsync();
        var created = await host.Http(ServerHost.MaintainerToken).PostAsync("api/pads/2026-02",
            new StringContent("{\"releaseDate\":\"2026-03-10\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var markdown = await host.Http().GetStringAsync("api/pads/2026-02/markdown");
        Assert.Contains("\ndate: 2026-03-10\n", markdown);
        Assert.Contains("This issue covers the month of February 2026.", markdown);
    }

    [Fact]
    public async Task Moving_the_release_date_moves_the_front_matter_date_unless_someone_wrote_another()
    {
        await using var host = await ServerHost.StartAsync();
        var maintainer = host.Http(ServerHost.MaintainerToken);
        (await maintainer.PostAsync("api/pads/2026-02", null)).EnsureSuccessStatusCode();
        Assert.Contains("\ndate: 2026-03-05\n", await host.Http().GetStringAsync("api/pads/2026-02/markdown"));

        (await maintainer.PatchAsJsonAsync("api/pads/2026-02", new { releaseDate = "2026-03-09" })).EnsureSuccessStatusCode();
        var moved = await host.Http().GetStringAsync("api/pads/2026-02/markdown");
        Assert.Contains("\ndate: 2026-03-09\n", moved);
        Assert.DoesNotContain("2026-03-05", moved);

        // A date typed by hand is the editors' decision: the next move leaves it alone.
        await using var editor = await PadPeer.JoinAsync(host, "2026-02", token: ServerHost.MaintainerToken);
        var at = editor.Text.IndexOf("2026-03-09", StringComparison.Ordinal);
        await editor.EditAndSend(d => { d.GetText("content").Delete(at, 10); d.GetText("content").Insert(at, "2026-03-12"); });
        (await maintainer.PatchAsJsonAsync("api/pads/2026-02", new { releaseDate = "2026-03-20" })).EnsureSuccessStatusCode();
        var kept = await host.Http().GetStringAsync("api/pads/2026-02/markdown");
        Assert.Contains("\ndate: 2026-03-12\n", kept);
        Assert.Contains("\"releaseDate\":\"2026-03-20\"", await host.Http().GetStringAsync("api/pads/2026-02"));
    }
}
