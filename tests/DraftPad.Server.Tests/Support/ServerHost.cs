using DraftPad.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DraftPad.Server.Tests.Support;

/// <summary>
/// The real application on real Kestrel at 127.0.0.1 (a free port), in this process, with its own
/// temporary data folder. Dispose stops it and deletes the folder unless <see cref="KeepData"/>.
/// </summary>
internal sealed class ServerHost : IAsyncDisposable
{
    public const string MaintainerToken = "maintainer-token-0123456789";
    public const string BotToken = "bot-token-0123456789abcdef";
    public const string ContributorToken = "contributor-token-0123456789";

    private readonly WebApplication _app;

    private ServerHost(WebApplication app, string dataDirectory, Uri baseUri)
    {
        _app = app;
        DataDirectory = dataDirectory;
        BaseUri = baseUri;
    }

    public string DataDirectory { get; }

    public Uri BaseUri { get; }

    public bool KeepData { get; set; }

    public IServiceProvider Services => _app.Services;

    public HttpClient Http(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseUri };
        if (token != null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>Starts the server; <paramref name="settings"/> are extra configuration keys ("Limits:MaxPadBytes" = "...").</summary>
    public static async Task<ServerHost> StartAsync(
        IDictionary<string, string>? settings = null, string? dataDirectory = null, Action<IServiceCollection>? services = null)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("draftpad-test-").FullName;
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--Storage:DataDirectory=" + dataDirectory,
            "--Logging:LogLevel:Default=Warning",
            "--Access:Tokens:0:Name=maintainer", "--Access:Tokens:0:Token=" + MaintainerToken, "--Access:Tokens:0:Role=Maintainer",
            "--Access:Tokens:1:Name=bot", "--Access:Tokens:1:Token=" + BotToken, "--Access:Tokens:1:Role=Bot",
            "--Access:Tokens:2:Name=carol", "--Access:Tokens:2:Token=" + ContributorToken, "--Access:Tokens:2:Role=Contributor",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) args.Add($"--{key}={value}");
        var app = DraftPadApp.Build([.. args], builder =>
        {
            builder.Environment.ContentRootPath = AppContext.BaseDirectory;
            if (services != null) services(builder.Services);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ServerHost(app, dataDirectory, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (!KeepData)
        {
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
