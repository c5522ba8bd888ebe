using System.Security.Cryptography;
using DraftPad.Export.GitHub;
using DraftPad.Export.Tests.Support;
using DraftPad.FakeGitHub;
using Octokit.Internal;
using static DraftPad.Export.Tests.Support.ExportHarness;

namespace DraftPad.Export.Tests.Export;

/// <summary>GitHub App authentication: an RS256 JWT exchanged for an installation token, which then does the work.</summary>
public sealed class GitHubAppTests
{
    private const long AppId = 123456;
    private const long InstallationId = 4242;

    private static Task<ExportHarness> StartAsync(RSA serverKey, string clientPem) =>
        ExportHarness.StartAsync(
            s =>
            {
                s.AppId = AppId;
                s.InstallationId = InstallationId;
                s.AppPublicKeyPem = serverKey.ExportSubjectPublicKeyInfoPem();
            },
            o =>
            {
                o.Token = null;
                o.AppId = AppId;
                o.InstallationId = InstallationId;
                o.AppPrivateKeyPem = clientPem;
            });

    [Fact]
    public async Task The_JWT_is_exchanged_for_an_installation_token_that_makes_the_export()
    {
        using var key = RSA.Create(2048);
        await using var h = await StartAsync(key, key.ExportPkcs8PrivateKeyPem());

        var result = await h.Exporter.ExportAsync(Request());

        Assert.Equal(ExportOutcome.Created, result.Outcome);
        var requests = h.Server.Requests;
        var exchange = requests[0];
        Assert.Equal(("POST", "/app/installations/4242/access_tokens", "bearer", "app", 201), (exchange.Method, exchange.Path, exchange.AuthScheme, exchange.Principal, exchange.Status));
        Assert.All(requests.Skip(1), r => Assert.Equal("installation", r.Principal));
        Assert.Equal(1, h.Server.IssuedInstallationTokens);

        var pr = Assert.Single(h.Server.PullRequests);
        Assert.Equal("draftpad-newsletter[bot]", pr.User);
        var commit = (await h.Server.Repository.ReadCommitAsync(result.Commit!))!;
        Assert.Equal("draftpad-newsletter[bot]", commit.Author.Name);
        Assert.Equal("GitHub", commit.Committer.Name);

        // Commits by an installation without author or committer show as Verified on GitHub.
        var installation = await new Octokit.GitHubClient(new Octokit.Connection(new Octokit.ProductHeaderValue("t"), h.Server.ApiBaseUrl,
            new InMemoryCredentialStore(new Octokit.Credentials(FakeGitHubOptions.DefaultToken)))).Git.Commit.Get("xsf", "xmpp.org", result.Commit);
        Assert.True(installation.Verification.Verified);
        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?> { [PostPath] = Utf8(Post()) });
    }

    [Fact]
    public async Task The_installation_token_is_renewed_before_it_expires()
    {
        using var key = RSA.Create(2048);
        await using var h = await StartAsync(key, key.ExportRSAPrivateKeyPem());
        var first = await h.Exporter.ExportAsync(Request());

        h.Time.Advance(TimeSpan.FromMinutes(20));
        var second = await h.Exporter.ExportAsync(Request(Post("- a\n"), lastExportCommit: first.Commit));
        Assert.Equal(ExportOutcome.Updated, second.Outcome);
        Assert.Equal(1, h.Server.IssuedInstallationTokens);

        // Past the hour the first token no longer works; the same exporter (a singleton in the server) renews it.
        h.Time.Advance(TimeSpan.FromMinutes(50));
        var third = await h.Exporter.ExportAsync(Request(Post("- b\n"), lastExportCommit: second.Commit));
        Assert.Equal(ExportOutcome.Updated, third.Outcome);
        Assert.Equal(2, h.Server.IssuedInstallationTokens);
        Assert.DoesNotContain(h.Server.Requests, r => r.Status == 401);
        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?> { [PostPath] = Utf8(Post("- b\n")) });
    }

    [Fact]
    public async Task A_rate_limited_token_exchange_is_retried_like_any_request()
    {
        using var key = RSA.Create(2048);
        await using var h = await StartAsync(key, key.ExportPkcs8PrivateKeyPem());
        h.Server.RateLimitNext(1, RateLimitKind.Secondary, TimeSpan.FromSeconds(9), r => r.Path.StartsWith("/app/", StringComparison.Ordinal));
        var result = await h.Exporter.ExportAsync(Request());
        Assert.Equal(ExportOutcome.Created, result.Outcome);
        Assert.Equal([TimeSpan.FromSeconds(9)], h.Delay.Waits);
        Assert.Equal(1, h.Server.IssuedInstallationTokens);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_with_a_clear_error_that_holds_no_secret()
    {
        using var serverKey = RSA.Create(2048);
        using var otherKey = RSA.Create(2048);
        var pem = otherKey.ExportPkcs8PrivateKeyPem();
        await using var h = await StartAsync(serverKey, pem);

        var error = await Assert.ThrowsAsync<GitHubExportException>(() => h.Exporter.ExportAsync(Request()));

        Assert.Equal(401, error.StatusCode);
        Assert.Contains("refused the App's JWT", error.Message, StringComparison.Ordinal);
        Assert.Contains("AppPrivateKeyPem", error.Message, StringComparison.Ordinal);
        var body = pem.Split('\n')[1];
        Assert.DoesNotContain(body, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(h.Server.Requests, r => r.Path.StartsWith("/repos/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_that_is_not_a_PEM_RSA_key_is_named_without_being_shown()
    {
        using var serverKey = RSA.Create(2048);
        const string garbage = "-----BEGIN PRIVATE KEY-----\nTm90QUtleVRoaXNJc1NlY3JldA==\n-----END PRIVATE KEY-----\n";
        await using var h = await StartAsync(serverKey, garbage);
        var error = await Assert.ThrowsAsync<GitHubExportException>(() => h.Exporter.ExportAsync(Request()));
        Assert.Equal("Export:GitHub:AppPrivateKeyPem is not a PEM RSA private key.", error.Message);
        Assert.DoesNotContain("Tm90QUtleVRoaXNJc1NlY3JldA", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task An_unknown_installation_is_named()
    {
        using var key = RSA.Create(2048);
        await using var h = await ExportHarness.StartAsync(
            s =>
            {
                s.AppId = AppId;
                s.InstallationId = 1;
                s.AppPublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
            },
            o =>
            {
                o.Token = null;
                o.AppId = AppId;
                o.InstallationId = InstallationId;
                o.AppPrivateKeyPem = key.ExportPkcs8PrivateKeyPem();
            });
        var error = await Assert.ThrowsAsync<GitHubExportException>(() => h.Exporter.ExportAsync(Request()));
        Assert.Equal(404, error.StatusCode);
        Assert.Contains("Export:GitHub:InstallationId", error.Message, StringComparison.Ordinal);
    }
}
