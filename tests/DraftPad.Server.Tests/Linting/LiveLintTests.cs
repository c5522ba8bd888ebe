using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using DraftPad.Server.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DraftPad.Server.Tests.Linting;

/// <summary>The linter in the server: POST /api/lint, Diagnostics pushed on join and after changes, ApplyFix, the export gate.</summary>
public sealed class LiveLintTests
{
    private const string Pad = "2026-11";
    private const string Heading = "## XSF Announcements";

    private static readonly Dictionary<string, string> FastLint = new() { ["Linting:DebounceMilliseconds"] = "50" };

    [Fact]
    public async Task Post_lint_returns_positioned_findings()
    {
        await using var host = await ServerHost.StartAsync();
        var text = DraftPad.Lint.NewsletterSkeleton.Create(2026, 11).Replace(Heading, "##XSF Announcements", StringComparison.Ordinal);
        using var http = host.Http();
        using var response = await http.PostAsync("api/lint?month=2026-11", new StringContent(text, Encoding.UTF8, "text/markdown"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var finding = json.RootElement.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "NL010");
        var offset = text.IndexOf("##XSF", StringComparison.Ordinal);
        Assert.Equal(offset, finding.GetProperty("offset").GetInt32());
        Assert.Equal(text[..offset].Count(c => c == '\n') + 1, finding.GetProperty("line").GetInt32());
        Assert.Equal(1, finding.GetProperty("column").GetInt32());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.True(finding.GetProperty("fixable").GetBoolean());
        Assert.True(json.RootElement.GetProperty("errors").GetInt32() >= 1);
    }

    [Theory]
    [InlineData("api/lint?month=2026-13", "Unknown month")]
    [InlineData("api/lint?releaseDate=5.12.2026", "is not a date written YYYY-MM-DD")]
    public async Task Post_lint_refuses_bad_options_with_a_reason(string url, string reason)
    {
        await using var host = await ServerHost.StartAsync();
        using var http = host.Http();
        using var response = await http.PostAsync(url, new StringContent("# x", Encoding.UTF8, "text/markdown"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Findings_arrive_on_join_and_after_a_change_and_a_fix_clears_them_for_everyone()
    {
        await using var host = await ServerHost.StartAsync(FastLint);
        (await host.Http(ServerHost.MaintainerToken).PostAsync($"api/pads/{Pad}", null)).EnsureSuccessStatusCode();
        await using var listener = await Listener.JoinAsync(host);
        var first = await listener.NextAsync();
        Assert.Equal(0, first.RootElement.GetProperty("errors").GetInt32()); // the skeleton is clean

        await using var editor = await PadPeer.JoinAsync(host, Pad, token: ServerHost.ContributorToken);
        var offset = editor.Text.IndexOf(Heading, StringComparison.Ordinal);
        await editor.EditAndSend(doc => doc.GetText("content").Delete(offset + 2, 1)); // "##XSF Announcements"

        var broken = await listener.NextMatchingAsync(d => Findings(d, "NL010").Any());
        var finding = Findings(broken, "NL010").Single();
        Assert.Equal(offset, finding.GetProperty("offset").GetInt32());

        await listener.Connection.InvokeAsync("ApplyFix", Pad, "NL010", offset);
        await listener.NextMatchingAsync(d => !Findings(d, "NL010").Any());
        await Eventually(() => editor.Text.Contains(Heading, StringComparison.Ordinal));
        Assert.Equal(editor.Text, await host.Http().GetStringAsync($"api/pads/{Pad}/markdown"));

        // The finding is gone: fixing it again is refused with the reason.
        var again = await Assert.ThrowsAsync<HubException>(() => listener.Connection.InvokeAsync("ApplyFix", Pad, "NL010", offset));
        Assert.Contains("No fixable NL010 finding at offset", again.Message);
    }

    [Fact]
    public async Task A_reader_may_not_apply_fixes()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string>(FastLint) { ["Access:AnonymousEditing"] = "false" });
        (await host.Http(ServerHost.MaintainerToken).PostAsync($"api/pads/{Pad}", null)).EnsureSuccessStatusCode();
        await using var listener = await Listener.JoinAsync(host);
        await listener.NextAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => listener.Connection.InvokeAsync("ApplyFix", Pad, "NL010", 0));
        Assert.Contains("This pad is read-only for you", refused.Message);
    }

    [Fact]
    public async Task Lint_errors_stop_an_export_and_a_dry_run_lists_them()
    {
        await using var host = await ServerHost.StartAsync();
        using var maintainer = host.Http(ServerHost.MaintainerToken);
        (await maintainer.PostAsync($"api/pads/{Pad}", null)).EnsureSuccessStatusCode();
        await using var editor = await PadPeer.JoinAsync(host, Pad, token: ServerHost.ContributorToken);
        var offset = editor.Text.IndexOf(Heading, StringComparison.Ordinal);
        await editor.EditAndSend(doc => doc.GetText("content").Delete(offset + 2, 1));

        using var refused = await maintainer.PostAsJsonAsync($"api/pads/{Pad}/export", new { });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("NL010", await refused.Content.ReadAsStringAsync());

        using var dryRun = await maintainer.PostAsJsonAsync($"api/pads/{Pad}/export", new { dryRun = true });
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        using var plan = JsonDocument.Parse(await dryRun.Content.ReadAsStringAsync());
        Assert.Contains(plan.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("error: NL010", StringComparison.Ordinal));
        // Editor notes (HTML comments in the skeleton) never reach the post, nor its list of warnings.
        Assert.DoesNotContain(plan.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("NL050", StringComparison.Ordinal));
        Assert.DoesNotContain("<!--", plan.RootElement.GetProperty("post").GetString());
    }

    private static IEnumerable<JsonElement> Findings(JsonDocument document, string id) =>
        document.RootElement.GetProperty("diagnostics").EnumerateArray().Where(d => d.GetProperty("id").GetString() == id);

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in 10 s");
            await Task.Delay(20);
        }
    }

    /// <summary>A hub connection that joins the pad and collects its Diagnostics documents.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly Channel<JsonDocument> _documents = Channel.CreateUnbounded<JsonDocument>();

        private Listener(HubConnection connection) => Connection = connection;

        public HubConnection Connection { get; }

        public static async Task<Listener> JoinAsync(ServerHost host)
        {
            var listener = new Listener(PadPeer.Connect(host, HubProtocol.Json));
            listener.Connection.On<string, string>("Diagnostics", (pad, json) =>
            {
                Assert.Equal(Pad, pad);
                listener._documents.Writer.TryWrite(JsonDocument.Parse(json));
            });
            await listener.Connection.StartAsync();
            await listener.Connection.InvokeAsync("Join", Pad);
            return listener;
        }

        public async Task<JsonDocument> NextAsync() =>
            await _documents.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        public async Task<JsonDocument> NextMatchingAsync(Func<JsonDocument, bool> match)
        {
            while (true)
            {
                var next = await NextAsync();
                if (match(next)) return next;
            }
        }

        public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
    }
}
