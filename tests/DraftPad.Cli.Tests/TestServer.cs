using DraftPad.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DraftPad.Cli.Tests;

/// <summary>The real DraftPad server on Kestrel at 127.0.0.1 (free port) with a maintainer token and a temp data folder.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    public const string MaintainerToken = "cli-maintainer-token-0123456789";
    public const string ContributorToken = "cli-contributor-token-0123456789";

    private readonly WebApplication _app;
    private readonly string _data;

    private TestServer(WebApplication app, string data, string url)
    {
        _app = app;
        _data = data;
        Url = url;
    }

    public string Url { get; }

    public static async Task<TestServer> StartAsync(params string[] extra)
    {
        var data = Directory.CreateTempSubdirectory("draftpad-cli-server-").FullName;
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", "--Storage:DataDirectory=" + data, "--Logging:LogLevel:Default=Warning",
            "--Access:Tokens:0:Name=maintainer", "--Access:Tokens:0:Token=" + MaintainerToken, "--Access:Tokens:0:Role=Maintainer",
            "--Access:Tokens:1:Name=carol", "--Access:Tokens:1:Token=" + ContributorToken, "--Access:Tokens:1:Role=Contributor",
            .. extra,
        ];
        var app = DraftPadApp.Build(args, builder => builder.Environment.ContentRootPath = AppContext.BaseDirectory);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TestServer(app, data, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
