using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Octokit;

namespace DraftPad.Export.GitHub;

/// <summary>
/// Builds authenticated Octokit clients: with a token, or as a GitHub App (an RS256 JWT, at most
/// 10 minutes, exchanged for an installation token that is cached until shortly before it expires).
/// </summary>
public sealed class GitHubAuth(GitHubOptions options, TimeProvider? time = null)
{
    private static readonly ProductHeaderValue Product = new("DraftPad", "1.0");
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _installationToken;

    /// <summary>The API base address as Octokit needs it (GitHub Enterprise hosts get <c>api/v3/</c>).</summary>
    public static Uri ApiBase(Uri configured)
    {
        var text = configured.ToString();
        if (!text.EndsWith('/')) text += "/";
        if (configured.Host != "api.github.com" && !text.EndsWith("/api/v3/", StringComparison.Ordinal) && configured.AbsolutePath == "/")
        {
            text += "api/v3/";
        }
        return new Uri(text);
    }

    /// <summary>A client for the repository's API, authenticated as configured.</summary>
    public async Task<GitHubClient> CreateClientAsync(CancellationToken cancellationToken = default)
    {
        if (options.UsesApp) return Client(new Credentials(await InstallationTokenAsync(cancellationToken)));
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            throw new GitHubExportException("No GitHub credentials: set Export:GitHub:Token, or AppId, InstallationId and AppPrivateKeyPem.");
        }
        return Client(new Credentials(options.Token));
    }

    private GitHubClient Client(Credentials credentials) =>
        new(new Connection(Product, ApiBase(options.ApiBaseUrl), new Octokit.Internal.InMemoryCredentialStore(credentials)));

    private async Task<string> InstallationTokenAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var now = _time.GetUtcNow();
            if (_installationToken is { } cached && cached.ExpiresAt - now > TimeSpan.FromMinutes(5)) return cached.Token;
            var appClient = Client(new Credentials(CreateAppJwt(now), AuthenticationType.Bearer));
            AccessToken token;
            try
            {
                token = await appClient.GitHubApps.CreateInstallationToken(options.InstallationId!.Value);
            }
            catch (AuthorizationException e)
            {
                throw new GitHubExportException("GitHub refused the App's JWT (401): check Export:GitHub:AppId and AppPrivateKeyPem.", 401, e);
            }
            catch (ApiException e)
            {
                throw new GitHubExportException($"GitHub refused an installation token: {(int)e.StatusCode} {GitHubRetry.Describe(e)}", (int)e.StatusCode, e);
            }
            _installationToken = (token.Token, token.ExpiresAt);
            return token.Token;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The App's JWT: RS256, issued a minute in the past (clock drift), valid 9 minutes.</summary>
    internal string CreateAppJwt(DateTimeOffset now)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(options.AppPrivateKeyPem);
        }
        catch (ArgumentException e)
        {
            throw new GitHubExportException("Export:GitHub:AppPrivateKeyPem is not a PEM RSA private key.", null, e);
        }
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "RS256", ["typ"] = "JWT" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iat"] = now.AddSeconds(-60).ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(9).ToUnixTimeSeconds(),
            ["iss"] = options.AppId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var signingInput = header + "." + payload;
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
