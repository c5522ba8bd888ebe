using DraftPad.Server.Tests.Support;

namespace DraftPad.Server.Tests.Pads;

/// <summary>A new month's pad starts from the newsletter skeleton, in the document every client syncs.</summary>
public sealed class NewPadTests
{
    [Fact]
    public async Task A_pad_created_by_joining_starts_from_the_skeleton_of_its_month()
    {
        await using var host = await ServerHost.StartAsync();
        await using var peer = await PadPeer.JoinAsync(host, "2026-12");
        Assert.StartsWith("---\ntitle: The XMPP Newsletter December 2026\ndate: 2027-01-05\n", peer.Text);
        Assert.Contains("This issue covers the month of December 2026.", peer.Text);
        Assert.Contains("## Extensions and specifications", peer.Text);
        Assert.Contains("- No XEPs rejected this month.", peer.Text);
        Assert.Equal("open", peer.Doc.GetMap("meta").Get("status"));
        Assert.Equal("2027-01-05", peer.Doc.GetMap("meta").Get("releaseDate"));
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
}
