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
    private (string Token, GitHubClient Client)? _client;

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

    /// <summary>
    /// A client for the repository's API, authenticated as configured. With an App, the
    /// installation token is renewed shortly before it expires (it lasts an hour), so ask for the
    /// client before each request rather than keeping one.
    /// </summary>
    public async Task<GitHubClient> CreateClientAsync(CancellationToken cancellationToken = default)
    {
        string token;
        if (options.UsesApp)
        {
            token = await InstallationTokenAsync(cancellationToken);
        }
        else if (!string.IsNullOrWhiteSpace(options.Token))
        {
            token = options.Token;
        }
        else
        {
            throw new GitHubExportException("No GitHub credentials: set Export:GitHub:Token, or AppId, InstallationId and AppPrivateKeyPem.") { Authentication = true };
        }
        var cached = _client;
        if (cached is { } c && c.Token == token) return c.Client;
        var client = Client(new Credentials(token));
        _client = (token, client);
        return client;
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
                throw new GitHubExportException($"GitHub refused the App's JWT (401: {e.ApiError?.Message ?? e.Message}): check Export:GitHub:AppId and AppPrivateKeyPem.", 401, e) { Authentication = true };
            }
            catch (NotFoundException e)
            {
                throw new GitHubExportException($"GitHub knows no installation {options.InstallationId} of App {options.AppId} (404): check Export:GitHub:InstallationId.", 404, e) { Authentication = true };
            }
            // Rate limits and server errors propagate to GitHubRetry, which retries or explains them.
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
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            // The inner exception is left out: nothing of the key may reach a message or a log.
            throw new GitHubExportException("Export:GitHub:AppPrivateKeyPem is not a PEM RSA private key.") { Authentication = true };
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
