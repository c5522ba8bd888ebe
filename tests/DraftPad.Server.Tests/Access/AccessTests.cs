using System.Net;
using System.Net.Http.Json;
using DraftPad.Crdt;
using DraftPad.Crdt.Protocols;
using DraftPad.Server.Tests.Hub;
using DraftPad.Server.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DraftPad.Server.Tests.Access;

/// <summary>Tokens, roles, anonymous editing, closed pads and the protected metadata.</summary>
public sealed class AccessTests
{
    private static readonly string Pad = TestPads.Current;

    [Fact]
    public async Task A_bad_token_is_refused_with_401_on_REST_and_on_the_hub()
    {
        await using var host = await ServerHost.StartAsync();
        var response = await host.Http("not-a-real-token").GetAsync("api/pads");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("not valid", await response.Content.ReadAsStringAsync());

        await using var connection = PadPeer.Connect(host, HubProtocol.Json, "not-a-real-token");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());
        Assert.Contains("401", error.Message);

        // No token at all is anonymous, and fine.
        Assert.Equal(HttpStatusCode.OK, (await host.Http().GetAsync("api/pads")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_editing_can_be_turned_off_leaving_reading_and_presence()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string> { ["Access:AnonymousEditing"] = "false" });
        var created = await host.Http(ServerHost.MaintainerToken).PostAsync($"api/pads/{Pad}", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await using var reader = await PadPeer.JoinAsync(host, Pad);
        Assert.NotEqual("", reader.Text);
        reader.Edit(d => d.GetText("content").Insert(0, "x"));
        await reader.AcknowledgedAsync();
        Assert.Contains(reader.Errors, e => e.Contains("read-only for you"));
        reader.SetPresence(new System.Text.Json.Nodes.JsonObject { ["user"] = "viewer" });
        await reader.AcknowledgedAsync();
        Assert.Single(reader.Errors);

        await using var carol = await PadPeer.JoinAsync(host, Pad, token: ServerHost.ContributorToken);
        carol.Edit(d => d.GetText("content").Insert(0, "carol "));
        await carol.AcknowledgedAsync();
        Assert.Empty(carol.Errors);
        Assert.StartsWith("carol ", await host.Http().GetStringAsync($"api/pads/{Pad}/markdown"));
    }

    [Fact]
    public async Task A_closed_pad_is_read_only_except_to_maintainers()
    {
        await using var host = await ServerHost.StartAsync();
        await using var contributor = await PadPeer.JoinAsync(host, Pad);
        await using var maintainer = await PadPeer.JoinAsync(host, Pad, token: ServerHost.MaintainerToken);

        var forbidden = await host.Http(ServerHost.BotToken).PatchAsJsonAsync($"api/pads/{Pad}", new { status = "closed" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var close = await host.Http(ServerHost.MaintainerToken).PatchAsJsonAsync($"api/pads/{Pad}", new { status = "closed" });
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        Assert.Contains("\"status\":\"closed\"", await close.Content.ReadAsStringAsync());
        // Every client sees the status live, through the document.
        await HubContractTests.Eventually(() => contributor.Doc.GetMap("meta").Get("status") as string == "closed");

        var before = await host.Http().GetStringAsync($"api/pads/{Pad}/markdown");
        contributor.Edit(d => d.GetText("content").Insert(0, "late news "));
        await contributor.AcknowledgedAsync();
        Assert.Contains(contributor.Errors, e => e.Contains("is closed: only maintainers may edit it now"));
        Assert.Equal(before, await host.Http().GetStringAsync($"api/pads/{Pad}/markdown"));

        maintainer.Edit(d => d.GetText("content").Insert(0, "Editorial fix. "));
        await maintainer.AcknowledgedAsync();
        Assert.Empty(maintainer.Errors);
        Assert.StartsWith("Editorial fix. ", await host.Http().GetStringAsync($"api/pads/{Pad}/markdown"));
    }

    [Fact]
    public async Task Only_maintainers_may_write_the_metadata_through_the_document()
    {
        await using var host = await ServerHost.StartAsync();
        await using var contributor = await PadPeer.JoinAsync(host, Pad);
        await using var maintainer = await PadPeer.JoinAsync(host, Pad, token: ServerHost.MaintainerToken);
        contributor.Edit(d => d.GetMap("meta").Set("status", "exported"));
        await contributor.AcknowledgedAsync();
        Assert.Contains(contributor.Errors, e => e.Contains("Only maintainers may change the pad's metadata"));
        contributor.Edit(d => d.GetArray("sneaky").Insert(0, [1.0]));
        await contributor.AcknowledgedAsync();
        Assert.Contains(contributor.Errors, e => e.Contains("writes to 'sneaky'"));
        var info = await host.Http().GetStringAsync($"api/pads/{Pad}");
        Assert.Contains("\"status\":\"open\"", info);

        maintainer.Edit(d => d.GetMap("meta").Set("releaseDate", "2026-12-10"));
        await maintainer.AcknowledgedAsync();
        Assert.Empty(maintainer.Errors);
        Assert.Contains("\"releaseDate\":\"2026-12-10\"", await host.Http().GetStringAsync($"api/pads/{Pad}"));
    }

    [Fact]
    public async Task A_clients_sync_step2_with_nothing_new_is_accepted_even_when_read_only()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string> { ["Access:AnonymousEditing"] = "false" });
        await host.Http(ServerHost.MaintainerToken).PostAsync($"api/pads/{Pad}", null);
        await using var reader = await PadPeer.JoinAsync(host, Pad);
        await reader.AcknowledgedAsync();
        Assert.Empty(reader.Errors); // its step 2 answer to the server's step 1 held nothing new
        var empty = YMessage.EncodeSync(SyncProtocol.Encode(SyncMessageType.Step2, new YDoc().EncodeStateAsUpdate(default)));
        await reader.SendAsync(empty);
    }

    [Fact]
    public async Task REST_create_list_read_and_refusals()
    {
        await using var host = await ServerHost.StartAsync();
        var http = host.Http();
        var created = await http.PostAsJsonAsync($"api/pads/{TestPads.Next}", new { releaseDate = "2027-01-07" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/pads/{TestPads.Next}", created.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync($"api/pads/{TestPads.Next}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("api/pads/2026-1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("api/pads/2026-10/markdown")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsync("api/pads/2025-01", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await host.Http(ServerHost.MaintainerToken).PostAsync("api/pads/2025-01", null)).StatusCode);

        var list = await http.GetStringAsync("api/pads");
        Assert.Contains("\"id\":\"2025-01\"", list);
        Assert.Contains("\"releaseDate\":\"2027-01-07\"", list);
        var markdown = await http.GetAsync($"api/pads/{TestPads.Next}/markdown");
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType!.MediaType);
        var state = await http.GetAsync($"api/pads/{TestPads.Next}/state");
        Assert.Equal("application/octet-stream", state.Content.Headers.ContentType!.MediaType);
        var doc = new YDoc();
        doc.ApplyUpdate(await state.Content.ReadAsByteArrayAsync());
        Assert.Equal(await markdown.Content.ReadAsStringAsync(), doc.GetText("content").ToString());

        var openApi = await http.GetStringAsync("openapi/v1.json");
        foreach (var path in new[] { "/api/pads", "/api/pads/{id}", "/api/pads/{id}/markdown", "/api/pads/{id}/state", "/healthz", "/readyz" })
        {
            Assert.Contains($"\"{path}\"", openApi);
        }
    }
}
