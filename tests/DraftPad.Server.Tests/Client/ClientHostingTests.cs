using System.Net;
using DraftPad.Server.Tests.Support;

namespace DraftPad.Server.Tests.Client;

/// <summary>The server serves a built client folder at / and pad links, and nothing else falls back to the page.</summary>
public sealed class ClientHostingTests : IAsyncLifetime
{
    private readonly string _clientDir = Directory.CreateTempSubdirectory("draftpad-client-").FullName;
    private ServerHost _server = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_clientDir, "index.html"), "<!doctype html><title>DraftPad test page</title>");
        Directory.CreateDirectory(Path.Combine(_clientDir, "assets"));
        File.WriteAllText(Path.Combine(_clientDir, "assets", "index-abc123.js"), "console.log('draftpad');");
        _server = await ServerHost.StartAsync(new Dictionary<string, string> { ["Client:Path"] = _clientDir });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_clientDir, recursive: true);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/pads/2026-11")]
    public async Task Page_and_pad_links_serve_the_client(string path)
    {
        using var http = _server.Http();
        using var response = await http.GetAsync(path.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("DraftPad test page", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_good()
    {
        using var http = _server.Http();
        using var response = await http.GetAsync("assets/index-abc123.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("console.log('draftpad');", await response.Content.ReadAsStringAsync());
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/pads/assets/index-abc123.js")]
    [InlineData("/pads/2026-13x")]
    [InlineData("/assets/missing.js")]
    public async Task Unknown_paths_are_not_found_rather_than_the_page(string path)
    {
        using var http = _server.Http();
        using var response = await http.GetAsync(path.TrimStart('/'));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
