using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DraftPad.Export.Rendering;
using DraftPad.FakeGitHub;
using DraftPad.Server.Tests.Support;

namespace DraftPad.Server.Tests.Export;

/// <summary>
/// The export endpoint end to end: the server's pad, its images, roles, the lint gate and the
/// recorded last export, written through Octokit into the fake GitHub's real bare repository.
/// </summary>
public sealed class PadExportTests : IAsyncLifetime
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 7, 7, 7];
    private FakeGitHubServer _github = null!;
    private ServerHost _host = null!;
    private string _pad = null!;
    private string _branch = null!;
    private DateOnly _release;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync();
        _host = await ServerHost.StartAsync(new Dictionary<string, string>
        {
            ["Export:GitHub:ApiBaseUrl"] = _github.ApiBaseUrl.ToString(),
            ["Export:GitHub:Token"] = FakeGitHubOptions.DefaultToken,
            ["Export:GitHub:InitialBackoff"] = "00:00:00.010",
        });
        _pad = TestPads.Current;
        _branch = "newsletter/" + _pad;
        _release = TestPads.CurrentId.DefaultReleaseDate;
        (await Maintainer.PostAsync($"api/pads/{_pad}", null)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _github.DisposeAsync();
    }

    private HttpClient Maintainer => _host.Http(ServerHost.MaintainerToken);

    private async Task<(HttpStatusCode Status, JsonElement Body)> ExportAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync($"api/pads/{_pad}/export", body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task First_export_writes_the_post_and_images_opens_the_pull_request_and_records_it_on_the_pad()
    {
        var image = new ByteArrayContent(Png);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        (await Maintainer.PutAsync($"api/pads/{_pad}/images/summit.png", image)).EnsureSuccessStatusCode();
        var markdown = await _host.Http().GetStringAsync($"api/pads/{_pad}/markdown");

        var (status, body) = await ExportAsync(Maintainer, new { });

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal("created", body.GetProperty("outcome").GetString());
        var head = await _github.BranchHeadAsync(_branch);
        Assert.Equal(head, body.GetProperty("commit").GetString());
        var files = await _github.CloneFilesAsync(_branch);
        var post = Encoding.UTF8.GetString(files[PostLayout.PostPath(_release)]);
        Assert.Equal(DraftPad.Lint.EditorNotes.Strip(markdown), post);
        Assert.DoesNotContain("<!--", post);
        Assert.Equal(Png, files[PostLayout.ImageDirectory(_release) + "summit.png"]);
        var pullRequest = Assert.Single(_github.PullRequests);
        Assert.Equal(body.GetProperty("pullRequestNumber").GetInt32(), pullRequest.Number);

        // Every client sees it: GET .../export and the pad's meta map.
        var last = JsonDocument.Parse(await _host.Http().GetStringAsync($"api/pads/{_pad}/export")).RootElement;
        Assert.Equal(head, last.GetProperty("commit").GetString());
        Assert.Equal("maintainer", last.GetProperty("by").GetString());
        await using var peer = await PadPeer.JoinAsync(_host, _pad);
        var meta = Assert.IsType<Dictionary<string, object?>>(peer.Doc.GetMap("meta").Get("export"));
        Assert.Equal(head, meta["commit"]);
    }

    [Fact]
    public async Task Re_export_without_change_writes_nothing_and_a_changed_pad_adds_one_commit()
    {
        var (_, first) = await ExportAsync(Maintainer, new { });
        var head = first.GetProperty("commit").GetString();
        _github.ClearRequests();

        var (status, again) = await ExportAsync(Maintainer, new { });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("noChange", again.GetProperty("outcome").GetString());
        Assert.Equal(head, await _github.BranchHeadAsync(_branch));
        Assert.DoesNotContain(_github.Requests, r => r.Method != "GET");

        await using var editor = await PadPeer.JoinAsync(_host, _pad, token: ServerHost.ContributorToken);
        await editor.EditAndSend(d => d.GetText("content").Insert(d.GetText("content").Length, "\nOne more line.\n"));
        var (_, changed) = await ExportAsync(Maintainer, new { });
        Assert.Equal("updated", changed.GetProperty("outcome").GetString());
        var newHead = await _github.BranchHeadAsync(_branch);
        Assert.NotEqual(head, newHead);
        var commit = await _github.Repository.ReadCommitAsync(newHead!);
        Assert.Equal([head!], commit!.Parents);
    }

    [Fact]
    public async Task A_maintainer_commit_on_the_branch_stops_the_export_with_a_report_until_forced()
    {
        await ExportAsync(Maintainer, new { });
        var theirs = await _github.CommitAsync(_branch, new Dictionary<string, byte[]?> { ["static/images/newsletter/fix.txt"] = "typo fixed on GitHub"u8.ToArray() }, "Fix a typo");
        await using var editor = await PadPeer.JoinAsync(_host, _pad, token: ServerHost.ContributorToken);
        await editor.EditAndSend(d => d.GetText("content").Insert(d.GetText("content").Length, "\nLate news.\n"));

        var (status, conflict) = await ExportAsync(Maintainer, new { });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("fix.txt", conflict.GetProperty("detail").GetString());
        Assert.Equal(theirs, await _github.BranchHeadAsync(_branch)); // nothing of theirs is lost

        var bot = _host.Http(ServerHost.BotToken);
        var (botStatus, botRefusal) = await ExportAsync(bot, new { force = true });
        Assert.Equal(HttpStatusCode.Forbidden, botStatus);
        Assert.Contains("Only maintainers may force", botRefusal.GetProperty("detail").GetString());

        var (forced, result) = await ExportAsync(Maintainer, new { force = true });
        Assert.Equal(HttpStatusCode.OK, forced);
        var forcedCommit = await _github.Repository.ReadCommitAsync(result.GetProperty("commit").GetString()!);
        Assert.Contains(theirs, forcedCommit!.Parents); // on top of theirs: their commit stays in the history
    }

    [Fact]
    public async Task Bots_export_contributors_may_not_and_a_closed_pad_becomes_exported()
    {
        var (contributorStatus, refusal) = await ExportAsync(_host.Http(ServerHost.ContributorToken), new { });
        Assert.Equal(HttpStatusCode.Forbidden, contributorStatus);
        Assert.Contains("Only maintainers and bots may export", refusal.GetProperty("detail").GetString());

        using var close = await Maintainer.PatchAsJsonAsync($"api/pads/{_pad}", new { status = "closed" });
        close.EnsureSuccessStatusCode();
        var (status, body) = await ExportAsync(_host.Http(ServerHost.BotToken), new { });
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.StartsWith("Review: The XMPP Newsletter", Assert.Single(_github.PullRequests).Title);
        var info = JsonDocument.Parse(await _host.Http().GetStringAsync($"api/pads/{_pad}")).RootElement;
        Assert.Equal("exported", info.GetProperty("status").GetString());
    }

    [Fact]
    public async Task GitHub_refusing_the_token_is_a_502_that_never_shows_the_token()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string>
        {
            ["Export:GitHub:ApiBaseUrl"] = _github.ApiBaseUrl.ToString(),
            ["Export:GitHub:Token"] = "ghp_WrongTokenThatMustNotLeak0000000000",
        });
        var maintainer = host.Http(ServerHost.MaintainerToken);
        (await maintainer.PostAsync($"api/pads/{_pad}", null)).EnsureSuccessStatusCode();
        using var response = await maintainer.PostAsJsonAsync($"api/pads/{_pad}/export", new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("Bad credentials", text);
        Assert.DoesNotContain("ghp_WrongToken", text);
        Assert.Null(await _github.BranchHeadAsync(_branch));
    }
}
