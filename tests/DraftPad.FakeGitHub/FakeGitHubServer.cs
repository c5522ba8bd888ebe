using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DraftPad.FakeGitHub.Api;
using DraftPad.FakeGitHub.Git;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DraftPad.FakeGitHub;

/// <summary>
/// A GitHub-compatible REST server on 127.0.0.1 (a free port) for tests. The Git Data endpoints
/// (blobs, trees, commits, refs) write real objects into a real bare repository through the
/// <c>git</c> executable, so ids equal <c>git hash-object</c>'s and fast-forward checks are git's
/// own; branches, compare, pulls, labels, review requests and App installation tokens answer
/// with GitHub's documented shapes and status codes. It serves the API both at <c>/</c> and at
/// <c>/api/v3/</c> (GitHub Enterprise's layout, which Octokit uses for hosts other than github.com).
/// Requests are handled one at a time. Tests drive it directly with helpers: commits made "by a
/// maintainer" with git plumbing, moving the base branch, reading files at a ref, cloning, a
/// request log, and injected rate limits and failures.
/// </summary>
public sealed partial class FakeGitHubServer : IAsyncDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Lock _sync = new();
    private readonly List<LoggedRequest> _log = [];
    private readonly List<Fault> _faults = [];
    private readonly List<Hook> _hooks = [];
    private readonly List<FakePullRequest> _pulls = [];
    private readonly Dictionary<string, (long Id, string Name, string Color, string? Description)> _labels = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DateTimeOffset> _installationTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _verifiedCommits = new(StringComparer.Ordinal);
    private readonly string _root;
    private readonly bool _ownsRoot;
    private WebApplication? _app;
    private GitHubJson _json = null!;
    private int _nextNumber;
    private int _issuedTokens;

    private FakeGitHubServer(FakeGitHubOptions options, BareRepository repository, string root, bool ownsRoot)
    {
        Options = options;
        Repository = repository;
        _root = root;
        _ownsRoot = ownsRoot;
        _nextNumber = options.FirstNumber;
        foreach (var label in options.Labels) AddLabel(label);
    }

    /// <summary>The options the server started with.</summary>
    public FakeGitHubOptions Options { get; }

    /// <summary>The real bare repository behind the API.</summary>
    public BareRepository Repository { get; }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>; the API is also under <c>api/v3/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The API root in GitHub Enterprise layout: <c>http://127.0.0.1:port/api/v3/</c>.</summary>
    public Uri ApiBaseUrl => new(BaseAddress, "api/v3/");

    private TimeProvider Time => Options.Time;

    /// <summary>Creates the bare repository, seeds the base branch and starts listening.</summary>
    public static async Task<FakeGitHubServer> StartAsync(FakeGitHubOptions? options = null)
    {
        options ??= new FakeGitHubOptions();
        var ownsRoot = options.Directory is null;
        var root = options.Directory ?? Directory.CreateTempSubdirectory("fakegithub-").FullName;
        var seedAuthor = new GitSignature("XSF Webmaster", "webmaster@xmpp.org", options.Time.GetUtcNow().AddDays(-30));
        var repository = await BareRepository.CreateAsync(Path.Combine(root, "repo.git"), Path.Combine(root, "home"), options.BaseBranch, options.Files, seedAuthor);
        var server = new FakeGitHubServer(options, repository, root, ownsRoot);
        await server.ListenAsync();
        return server;
    }

    private async Task ListenAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeGitHubServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UsePathBase("/api/v3");
        app.UseRouting();
        app.Use(HandleAsync);
        MapRoutes(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        _json = new GitHubJson(BaseAddress, Options.Owner, Options.Repository);
        _app = app;
    }

    /// <summary>Stops the server and deletes its temporary folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app != null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_ownsRoot)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A clone still open elsewhere: leave the temporary folder.
            }
        }
    }

    // ---- Request log, hooks and faults -------------------------------------------------------

    /// <summary>Every request so far, in order of arrival.</summary>
    public IReadOnlyList<LoggedRequest> Requests
    {
        get
        {
            lock (_sync) return [.. _log];
        }
    }

    /// <summary>Forgets the requests logged so far (to look at the next operation's only).</summary>
    public void ClearRequests()
    {
        lock (_sync) _log.Clear();
    }

    /// <summary>The next <paramref name="count"/> requests matching <paramref name="when"/> (default: all) are rate limited.</summary>
    /// <param name="count">How many requests.</param>
    /// <param name="kind">Primary or secondary limit, 403 or 429.</param>
    /// <param name="wait">Primary: the reset time from now (<c>x-ratelimit-reset</c>); secondary: <c>Retry-After</c> (null: no header).</param>
    /// <param name="when">Which requests.</param>
    public void RateLimitNext(int count, RateLimitKind kind, TimeSpan? wait, Func<LoggedRequest, bool>? when = null)
    {
        lock (_sync) _faults.Add(new Fault(when, count, ctx => RespondRateLimitedAsync(ctx, kind, wait)));
    }

    /// <summary>The next <paramref name="count"/> requests matching <paramref name="when"/> answer <paramref name="status"/> with GitHub's error shape.</summary>
    public void FailNext(int count, int status, string message, Func<LoggedRequest, bool>? when = null)
    {
        lock (_sync) _faults.Add(new Fault(when, count, ctx => GitHubJson.Error(status, message).ExecuteAsync(ctx)));
    }

    /// <summary>
    /// Runs <paramref name="action"/> once, just before the first request matching
    /// <paramref name="when"/> is handled (to make a change "while" a client works, e.g. a maintainer's push).
    /// </summary>
    public void BeforeRequest(Func<LoggedRequest, bool> when, Func<Task> action)
    {
        lock (_sync) _hooks.Add(new Hook(when, action));
    }

    private sealed class Fault(Func<LoggedRequest, bool>? when, int count, Func<HttpContext, Task> respond)
    {
        public Func<LoggedRequest, bool>? When { get; } = when;
        public int Remaining { get; set; } = count;
        public Func<HttpContext, Task> Respond { get; } = respond;
    }

    private sealed record Hook(Func<LoggedRequest, bool> When, Func<Task> Action);

    private sealed record Principal(string Kind, string Login);

    private async Task HandleAsync(HttpContext ctx, RequestDelegate next)
    {
        var entry = new LoggedRequest
        {
            Method = ctx.Request.Method,
            Path = Uri.UnescapeDataString(ctx.Request.Path.Value ?? "/"),
            Query = ctx.Request.QueryString.Value ?? "",
            UnderApiV3 = ctx.Request.PathBase.HasValue,
            AuthScheme = AuthScheme(ctx.Request.Headers.Authorization.ToString()),
            Time = Time.GetUtcNow(),
        };
        int used;
        lock (_sync)
        {
            _log.Add(entry);
            used = _log.Count;
        }
        ctx.Response.OnStarting(() =>
        {
            var headers = ctx.Response.Headers;
            headers["x-github-request-id"] = $"FAKE:{used:X6}";
            headers["x-github-api-version-selected"] = "2022-11-28";
            if (!headers.ContainsKey("x-ratelimit-remaining"))
            {
                headers["x-ratelimit-limit"] = "5000";
                headers["x-ratelimit-remaining"] = Math.Max(0, 5000 - used).ToString(CultureInfo.InvariantCulture);
                headers["x-ratelimit-used"] = Math.Min(5000, used).ToString(CultureInfo.InvariantCulture);
                headers["x-ratelimit-reset"] = Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                headers["x-ratelimit-resource"] = "core";
            }
            return Task.CompletedTask;
        });
        try
        {
            Hook? hook;
            lock (_sync)
            {
                hook = _hooks.FirstOrDefault(h => h.When(entry));
                if (hook != null) _hooks.Remove(hook);
            }
            if (hook != null) await hook.Action();

            var (principal, denied) = Authenticate(ctx, entry.Path);
            entry.Principal = principal?.Kind;
            if (denied != null)
            {
                await denied.ExecuteAsync(ctx);
                return;
            }
            Fault? fault;
            lock (_sync)
            {
                fault = _faults.FirstOrDefault(f => f.Remaining > 0 && (f.When?.Invoke(entry) ?? true));
                if (fault != null && --fault.Remaining == 0) _faults.Remove(fault);
            }
            if (fault != null)
            {
                await fault.Respond(ctx);
                return;
            }
            ctx.Items[typeof(Principal)] = principal;
            await _lock.WaitAsync();
            try
            {
                await next(ctx);
            }
            finally
            {
                _lock.Release();
            }
        }
        finally
        {
            entry.Status = ctx.Response.StatusCode;
        }
    }

    private static string? AuthScheme(string header)
    {
        if (string.IsNullOrEmpty(header)) return null;
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        return (space < 0 ? header : header[..space]).ToLowerInvariant();
    }

    private (Principal? Principal, IResult? Denied) Authenticate(HttpContext ctx, string path)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? "" : header[..space].ToLowerInvariant();
        var credential = space < 0 ? "" : header[(space + 1)..].Trim();
        if (path.StartsWith("/app/", StringComparison.Ordinal) || path == "/app")
        {
            if (scheme != "bearer" || credential.Length == 0) return (null, GitHubJson.Error(401, "A JSON web token could not be decoded"));
            if (Options.AppId is not { } appId || Options.AppPublicKeyPem is not { } pem)
            {
                return (null, GitHubJson.Error(401, "A JSON web token could not be decoded"));
            }
            var problem = AppJwt.Validate(credential, pem, appId, Time.GetUtcNow());
            return problem is null ? (new Principal("app", Options.AppSlug), null) : (null, GitHubJson.Error(401, problem));
        }
        if (credential.Length == 0 || scheme is not ("token" or "bearer")) return (null, GitHubJson.Error(401, "Requires authentication"));
        if (Options.Tokens.Contains(credential)) return (new Principal("token", Options.TokenUser), null);
        lock (_sync)
        {
            if (_installationTokens.TryGetValue(credential, out var expires) && Time.GetUtcNow() < expires)
            {
                return (new Principal("installation", Options.AppSlug + "[bot]"), null);
            }
        }
        return (null, GitHubJson.Error(401, "Bad credentials"));
    }

    private Task RespondRateLimitedAsync(HttpContext ctx, RateLimitKind kind, TimeSpan? wait)
    {
        var headers = ctx.Response.Headers;
        var status = kind is RateLimitKind.Primary or RateLimitKind.Secondary ? 403 : 429;
        if (kind is RateLimitKind.Primary or RateLimitKind.PrimaryTooManyRequests)
        {
            var reset = Time.GetUtcNow() + (wait ?? TimeSpan.FromMinutes(1));
            headers["x-ratelimit-limit"] = "5000";
            headers["x-ratelimit-remaining"] = "0";
            headers["x-ratelimit-used"] = "5000";
            headers["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-resource"] = "core";
            return GitHubJson.Error(status, $"API rate limit exceeded for user ID {GitHubJson.StableId(Options.TokenUser)}.",
                "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits").ExecuteAsync(ctx);
        }
        if (wait is { } after) headers.RetryAfter = ((long)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return GitHubJson.Error(status,
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID FAKE.",
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits").ExecuteAsync(ctx);
    }

    private static Principal CallerOf(HttpContext ctx) => (Principal)ctx.Items[typeof(Principal)]!;

    private static async Task<(JsonObject? Body, IResult? Error)> ReadBodyAsync(HttpContext ctx)
    {
        // Octokit sends JSON with a form content type: read the body whatever the header says.
        try
        {
            using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            if (string.IsNullOrWhiteSpace(text)) return (new JsonObject(), null);
            return JsonNode.Parse(text) is JsonObject o ? (o, null) : (null, GitHubJson.Error(400, "Problems parsing JSON"));
        }
        catch (JsonException)
        {
            return (null, GitHubJson.Error(400, "Problems parsing JSON"));
        }
    }

    // ---- Helpers for tests -------------------------------------------------------------------

    /// <summary>The commit a branch points at, or null.</summary>
    public Task<string?> BranchHeadAsync(string branch) => Repository.ReadRefAsync("refs/heads/" + branch);

    /// <summary>
    /// Commits on <paramref name="branch"/> directly in the bare repository (as a maintainer's push
    /// would): <paramref name="changes"/> maps paths to new contents, null deleting the path.
    /// Returns the new commit; the branch moves only if it is still where it was read (compare-and-swap).
    /// </summary>
    public async Task<string> CommitAsync(string branch, IReadOnlyDictionary<string, byte[]?> changes, string message, string authorName = "Maintainer", string authorEmail = "maintainer@example.org")
    {
        await _lock.WaitAsync();
        try
        {
            var head = await Repository.ReadRefAsync("refs/heads/" + branch) ?? throw new InvalidOperationException($"No branch {branch}.");
            var commit = await Repository.ReadCommitAsync(head) ?? throw new InvalidOperationException($"Branch {branch} is not at a commit.");
            var treeChanges = new List<GitTreeChange>();
            foreach (var (path, content) in changes)
            {
                treeChanges.Add(new GitTreeChange(path, "100644", "blob", content is null ? null : await Repository.HashObjectAsync(content, write: true)));
            }
            var tree = await Repository.WriteTreeAsync(commit.Tree, treeChanges);
            var signature = new GitSignature(authorName, authorEmail, Time.GetUtcNow());
            var sha = await Repository.CreateCommitAsync(tree, [head], message, signature, signature);
            if (!await Repository.UpdateRefAsync("refs/heads/" + branch, sha, head)) throw new InvalidOperationException($"Branch {branch} moved meanwhile.");
            return sha;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Commits on the base branch (the site moving on while the pull request is open).</summary>
    public Task<string> MoveBaseAsync(IReadOnlyDictionary<string, byte[]?> changes, string message = "Site update") =>
        CommitAsync(Options.BaseBranch, changes, message, "Site Maintainer", "site@xmpp.org");

    /// <summary>Points a branch at a commit (as a force push would); creates it when missing.</summary>
    public async Task SetBranchAsync(string branch, string sha)
    {
        await _lock.WaitAsync();
        try
        {
            if (!await Repository.UpdateRefAsync("refs/heads/" + branch, sha, null)) throw new InvalidOperationException($"Cannot set {branch}.");
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Deletes a branch (as GitHub does after a merge); its open pull requests are closed.</summary>
    public async Task DeleteBranchAsync(string branch)
    {
        await _lock.WaitAsync();
        try
        {
            await Repository.DeleteRefAsync("refs/heads/" + branch);
            lock (_sync)
            {
                for (var i = 0; i < _pulls.Count; i++)
                {
                    if (_pulls[i].Head == branch && _pulls[i].State == "open") _pulls[i] = _pulls[i] with { State = "closed", UpdatedAt = Time.GetUtcNow() };
                }
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>A file's bytes at a revision (branch, ref or commit), or null when absent.</summary>
    public async Task<byte[]?> ReadFileAsync(string revision, string path)
    {
        var files = await Repository.ListFilesAsync(revision);
        return files.TryGetValue(path, out var sha) ? await Repository.ReadBlobAsync(sha) : null;
    }

    /// <summary>All files at a revision: path to blob id.</summary>
    public Task<IReadOnlyDictionary<string, string>> ListFilesAsync(string revision) => Repository.ListFilesAsync(revision);

    /// <summary>
    /// Clones the bare repository with <c>git clone --branch</c> into a temporary folder and
    /// returns every file of the checkout (path with '/' to bytes), .git excluded.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> CloneFilesAsync(string branch)
    {
        var target = Path.Combine(_root, "clone-" + Guid.NewGuid().ToString("N"));
        try
        {
            await Repository.Runner.RunInAsync(_root, ["clone", "--quiet", "--no-hardlinks", "--branch", branch, Repository.GitDirectory, target]);
            var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(target, file).Replace(Path.DirectorySeparatorChar, '/');
                if (relative.StartsWith(".git/", StringComparison.Ordinal)) continue;
                files[relative] = await File.ReadAllBytesAsync(file);
            }
            return files;
        }
        finally
        {
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        }
    }

    /// <summary>Opens a pull request as another user would (not through the API, not logged).</summary>
    public FakePullRequest OpenPullRequest(string head, string title, string? body = null, string user = "someone-else")
    {
        lock (_sync)
        {
            var now = Time.GetUtcNow();
            var pr = new FakePullRequest { Number = _nextNumber++, Title = title, Body = body, Head = head, Base = Options.BaseBranch, User = user, CreatedAt = now, UpdatedAt = now };
            _pulls.Add(pr);
            return pr;
        }
    }

    /// <summary>All pull requests, open and closed.</summary>
    public IReadOnlyList<FakePullRequest> PullRequests
    {
        get
        {
            lock (_sync) return [.. _pulls];
        }
    }

    /// <summary>The repository's label names.</summary>
    public IReadOnlyList<string> Labels
    {
        get
        {
            lock (_sync) return _labels.Values.Select(l => l.Name).ToList();
        }
    }

    /// <summary>Adds a label to the repository.</summary>
    public void AddLabel(string name, string color = "ededed", string? description = null)
    {
        lock (_sync) _labels[name] = (GitHubJson.StableId("label:" + name), name, color, description);
    }

    /// <summary>Removes a label from the repository.</summary>
    public void RemoveLabel(string name)
    {
        lock (_sync) _labels.Remove(name);
    }

    /// <summary>Installation tokens issued so far.</summary>
    public int IssuedInstallationTokens
    {
        get
        {
            lock (_sync) return _issuedTokens;
        }
    }
}
