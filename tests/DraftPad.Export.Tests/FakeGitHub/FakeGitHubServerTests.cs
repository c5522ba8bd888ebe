using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DraftPad.FakeGitHub;
using Octokit;
using Octokit.Internal;

namespace DraftPad.Export.Tests.FakeGitHub;

/// <summary>
/// The fake server itself, driven by the real Octokit client over HTTP (and by raw HTTP where the
/// exact shape matters): real git objects, real fast-forward checks, GitHub's errors.
/// </summary>
public sealed class FakeGitHubServerTests : IAsyncLifetime
{
    private const string Owner = "xsf";
    private const string Repo = "xmpp.org";
    private FakeGitHubServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeGitHubServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private GitHubClient Client(string token = FakeGitHubOptions.DefaultToken) =>
        new(new Connection(new Octokit.ProductHeaderValue("DraftPadTests"), _server.ApiBaseUrl, new InMemoryCredentialStore(new Credentials(token))));

    private HttpClient Http(string? token = FakeGitHubOptions.DefaultToken)
    {
        var http = new HttpClient { BaseAddress = _server.BaseAddress };
        if (token != null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);
        return http;
    }

    [Fact]
    public async Task Blob_ids_are_git_hash_object_and_contents_round_trip()
    {
        var github = Client();
        var bytes = new byte[70_000];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0;
        var created = await github.Git.Blob.Create(Owner, Repo, new NewBlob { Content = Convert.ToBase64String(bytes), Encoding = EncodingType.Base64 });
        Assert.Equal(await _server.Repository.HashObjectAsync(bytes), created.Sha);
        Assert.Equal("blob", await _server.Repository.ObjectTypeAsync(created.Sha));

        var read = await github.Git.Blob.Get(Owner, Repo, created.Sha);
        Assert.Equal(EncodingType.Base64, read.Encoding.Value);
        Assert.Contains('\n', read.Content); // wrapped like GitHub's
        Assert.Equal(bytes, Convert.FromBase64String(read.Content.Replace("\n", "", StringComparison.Ordinal)));

        var text = await github.Git.Blob.Create(Owner, Repo, new NewBlob { Content = "héllo\n", Encoding = EncodingType.Utf8 });
        Assert.Equal(await _server.Repository.HashObjectAsync(Encoding.UTF8.GetBytes("héllo\n")), text.Sha);

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => github.Git.Blob.Get(Owner, Repo, new string('a', 40)));
        Assert.Equal("Not Found", missing.ApiError.Message);
    }

    [Fact]
    public async Task Trees_commits_and_refs_are_real_and_fast_forward_is_enforced()
    {
        var github = Client();
        var master = await github.Repository.Branch.Get(Owner, Repo, "master");
        var baseCommit = await github.Git.Commit.Get(Owner, Repo, master.Commit.Sha);
        var blob = await github.Git.Blob.Create(Owner, Repo, new NewBlob { Content = "new post\n", Encoding = EncodingType.Utf8 });

        var newTree = new NewTree { BaseTree = baseCommit.Tree.Sha };
        newTree.Tree.Add(new NewTreeItem { Path = "content/blog/newsletter/2026-12-05-newsletter.md", Mode = "100644", Type = TreeType.Blob, Sha = blob.Sha });
        var tree = await github.Git.Tree.Create(Owner, Repo, newTree);
        var commit = await github.Git.Commit.Create(Owner, Repo, new NewCommit("Add a post", tree.Sha, [master.Commit.Sha]));
        Assert.Equal(tree.Sha, commit.Tree.Sha);
        Assert.Equal(master.Commit.Sha, Assert.Single(commit.Parents).Sha);
        Assert.Equal("draftpad-bot", commit.Author.Name);

        var created = await github.Git.Reference.Create(Owner, Repo, new NewReference("refs/heads/newsletter/2026-11", commit.Sha));
        Assert.Equal("refs/heads/newsletter/2026-11", created.Ref);
        Assert.Equal(commit.Sha, await _server.BranchHeadAsync("newsletter/2026-11"));
        var again = await Assert.ThrowsAsync<ApiValidationException>(() => github.Git.Reference.Create(Owner, Repo, new NewReference("refs/heads/newsletter/2026-11", commit.Sha)));
        Assert.Equal("Reference already exists", again.ApiError.Message);

        // The real tree: base files plus the new one; the listing matches git ls-tree.
        var files = await _server.ListFilesAsync("newsletter/2026-11");
        Assert.Equal(blob.Sha, files["content/blog/newsletter/2026-12-05-newsletter.md"]);
        Assert.Equal(FakeGitHubOptions.DefaultFiles().Count + 1, files.Count);
        var recursive = await github.Git.Tree.GetRecursive(Owner, Repo, tree.Sha);
        Assert.Equal(files.OrderBy(f => f.Key, StringComparer.Ordinal), recursive.Tree.Where(i => i.Type.Value == TreeType.Blob).Select(i => KeyValuePair.Create(i.Path, i.Sha)));
        Assert.Contains(recursive.Tree, i => i.Type.Value == TreeType.Tree && i.Path == "content/blog");

        // Rewinding the branch to its parent is not a fast-forward: 422 unless forced.
        var rewind = await Assert.ThrowsAsync<ApiValidationException>(() => github.Git.Reference.Update(Owner, Repo, "heads/newsletter/2026-11", new ReferenceUpdate(master.Commit.Sha, false)));
        Assert.Equal("Update is not a fast forward", rewind.ApiError.Message);
        Assert.Equal(commit.Sha, await _server.BranchHeadAsync("newsletter/2026-11"));
        await github.Git.Reference.Update(Owner, Repo, "heads/newsletter/2026-11", new ReferenceUpdate(master.Commit.Sha, true));
        Assert.Equal(master.Commit.Sha, await _server.BranchHeadAsync("newsletter/2026-11"));

        var missingParent = await Assert.ThrowsAsync<ApiValidationException>(() => github.Git.Commit.Create(Owner, Repo, new NewCommit("x", tree.Sha, [new string('b', 40)])));
        Assert.Equal("Parent SHA does not exist or is not a commit object", missingParent.ApiError.Message);
    }

    [Fact]
    public async Task A_null_sha_tree_entry_deletes_and_base_tree_is_kept()
    {
        using var http = Http();
        var master = await _server.BranchHeadAsync("master");
        var baseTree = (await _server.Repository.ReadCommitAsync(master!))!.Tree;
        var body = $$"""{"base_tree":"{{baseTree}}","tree":[{"path":"README.md","mode":"100644","type":"blob","sha":null},{"path":"static/images/newsletter/2026-10-05","mode":"040000","type":"tree","sha":null},{"path":"new.txt","mode":"100644","type":"blob","content":"inline\n"}]}""";
        using var response = await http.PostAsync("repos/xsf/xmpp.org/git/trees", new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sha = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("sha").GetString()!;
        var files = await _server.ListFilesAsync(sha);
        Assert.DoesNotContain("README.md", files.Keys);
        Assert.DoesNotContain(files.Keys, p => p.StartsWith("static/images/newsletter/2026-10-05/", StringComparison.Ordinal));
        Assert.Equal(await _server.Repository.HashObjectAsync("inline\n"u8.ToArray()), files["new.txt"]);
        Assert.Contains("config/_default/config.json", files.Keys);
    }

    [Fact]
    public async Task Refs_endpoint_answers_a_prefix_with_an_array_as_GitHub_does()
    {
        await _server.SetBranchAsync("newsletter/2026-10", (await _server.BranchHeadAsync("master"))!);
        using var http = Http();
        using var prefix = await http.GetAsync("api/v3/repos/xsf/xmpp.org/git/refs/heads/newsletter");
        Assert.Equal(HttpStatusCode.OK, prefix.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await prefix.Content.ReadAsStringAsync()).RootElement.ValueKind);
        using var exact = await http.GetAsync("api/v3/repos/xsf/xmpp.org/git/ref/heads/newsletter");
        Assert.Equal(HttpStatusCode.NotFound, exact.StatusCode);
        var branch = await Assert.ThrowsAsync<NotFoundException>(() => Client().Repository.Branch.Get(Owner, Repo, "newsletter"));
        Assert.Equal("Branch not found", branch.ApiError.Message);
    }

    [Fact]
    public async Task Pull_requests_follow_GitHubs_rules_including_the_422_for_an_existing_one()
    {
        var github = Client();
        var noCommits = await Assert.ThrowsAsync<ApiValidationException>(() => github.PullRequest.Create(Owner, Repo, new NewPullRequest("t", "master", "master")));
        Assert.Equal("No commits between master and master", Assert.Single(noCommits.ApiError.Errors).Message);
        var missingHead = await Assert.ThrowsAsync<ApiValidationException>(() => github.PullRequest.Create(Owner, Repo, new NewPullRequest("t", "nope", "master")));
        Assert.Equal("head", Assert.Single(missingHead.ApiError.Errors).Field);

        await _server.SetBranchAsync("newsletter/2026-11", (await _server.BranchHeadAsync("master"))!);
        await _server.CommitAsync("newsletter/2026-11", new Dictionary<string, byte[]?> { ["x.md"] = "x\n"u8.ToArray() }, "x");
        var pr = await github.PullRequest.Create(Owner, Repo, new NewPullRequest("Draft: The XMPP Newsletter November 2026", "newsletter/2026-11", "master") { Body = "body" });
        Assert.Equal(1700, pr.Number);
        Assert.Equal("newsletter/2026-11", pr.Head.Ref);
        Assert.Equal(await _server.BranchHeadAsync("newsletter/2026-11"), pr.Head.Sha);
        Assert.Equal(ItemState.Open, pr.State.Value);

        var duplicate = await Assert.ThrowsAsync<ApiValidationException>(() => github.PullRequest.Create(Owner, Repo, new NewPullRequest("again", "newsletter/2026-11", "master")));
        Assert.Equal("Validation Failed", duplicate.ApiError.Message);
        var error = Assert.Single(duplicate.ApiError.Errors);
        Assert.Equal("custom", error.Code);
        Assert.Equal("A pull request already exists for xsf:newsletter/2026-11.", error.Message);

        var found = await github.PullRequest.GetAllForRepository(Owner, Repo, new PullRequestRequest { State = ItemStateFilter.Open, Head = "xsf:newsletter/2026-11", Base = "master" });
        Assert.Equal(pr.Number, Assert.Single(found).Number);
        Assert.Empty(await github.PullRequest.GetAllForRepository(Owner, Repo, new PullRequestRequest { Head = "xsf:newsletter/2026-10" }));

        var updated = await github.PullRequest.Update(Owner, Repo, pr.Number, new PullRequestUpdate { Title = "Review: The XMPP Newsletter November 2026" });
        Assert.Equal("Review: The XMPP Newsletter November 2026", updated.Title);
        Assert.Equal("body", updated.Body);

        var notFound = await Assert.ThrowsAsync<NotFoundException>(() => github.Issue.Labels.Get(Owner, Repo, "No such label"));
        Assert.Equal("Not Found", notFound.ApiError.Message);
        var label = await github.Issue.Labels.Get(Owner, Repo, "Newsletter :email:");
        Assert.Equal("Newsletter :email:", label.Name);
        var labels = await github.Issue.Labels.AddToIssue(Owner, Repo, pr.Number, ["Newsletter :email:"]);
        Assert.Equal("Newsletter :email:", Assert.Single(labels).Name);

        var stranger = await Assert.ThrowsAsync<ApiValidationException>(() => github.PullRequest.ReviewRequest.Create(Owner, Repo, pr.Number, new PullRequestReviewRequest(["stranger"], [])));
        Assert.StartsWith("Reviews may only be requested from collaborators.", stranger.ApiError.Message);
        var author = await Assert.ThrowsAsync<ApiValidationException>(() => github.PullRequest.ReviewRequest.Create(Owner, Repo, pr.Number, new PullRequestReviewRequest(["draftpad-bot"], [])));
        Assert.Equal("Review cannot be requested from pull request author.", author.ApiError.Message);
        var reviewed = await github.PullRequest.ReviewRequest.Create(Owner, Repo, pr.Number, new PullRequestReviewRequest(["edhelas"], []));
        Assert.Equal("edhelas", Assert.Single(reviewed.RequestedReviewers).Login);
    }

    [Fact]
    public async Task Wrong_credentials_get_GitHubs_401_body()
    {
        var failure = await Assert.ThrowsAsync<AuthorizationException>(() => Client("ghp_wrong").Repository.Get(Owner, Repo));
        Assert.Equal("Bad credentials", failure.ApiError.Message);

        using var http = Http("ghp_wrong");
        using var response = await http.GetAsync("repos/xsf/xmpp.org");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Bad credentials", body.GetProperty("message").GetString());
        Assert.StartsWith("https://docs.github.com/", body.GetProperty("documentation_url").GetString(), StringComparison.Ordinal);

        using var anonymous = Http(null);
        using var none = await anonymous.GetAsync("repos/xsf/xmpp.org");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.DoesNotContain(_server.Requests, r => r.Principal != null);
    }

    [Fact]
    public async Task Octokit_sends_a_Token_header_and_the_API_answers_at_root_and_under_api_v3()
    {
        var repository = await Client().Repository.Get(Owner, Repo);
        Assert.Equal("master", repository.DefaultBranch);
        var logged = Assert.Single(_server.Requests);
        Assert.Equal("token", logged.AuthScheme);
        Assert.True(logged.UnderApiV3);
        Assert.Equal("/repos/xsf/xmpp.org", logged.Path);

        using var http = Http();
        using var root = await http.GetAsync("repos/xsf/xmpp.org");
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        using var other = await http.GetAsync("repos/xsf/other");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Rate_limits_come_in_GitHubs_shapes()
    {
        var github = Client();
        _server.RateLimitNext(1, RateLimitKind.Primary, TimeSpan.FromSeconds(90));
        var primary = await Assert.ThrowsAsync<RateLimitExceededException>(() => github.Repository.Get(Owner, Repo));
        Assert.Equal(0, primary.Remaining);
        Assert.InRange((primary.Reset - DateTimeOffset.UtcNow).TotalSeconds, 80, 95);

        _server.RateLimitNext(1, RateLimitKind.Secondary, TimeSpan.FromSeconds(17));
        var secondary = await Assert.ThrowsAsync<SecondaryRateLimitExceededException>(() => github.Repository.Get(Owner, Repo));
        Assert.Equal("17", secondary.HttpResponse.Headers.First(h => h.Key.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)).Value);

        _server.RateLimitNext(1, RateLimitKind.SecondaryTooManyRequests, TimeSpan.FromSeconds(3));
        var tooMany = await Assert.ThrowsAsync<ApiException>(() => github.Repository.Get(Owner, Repo));
        Assert.Equal((HttpStatusCode)429, tooMany.StatusCode);

        Assert.Equal("master", (await github.Repository.Get(Owner, Repo)).DefaultBranch);
    }

    [Fact]
    public async Task Compare_reports_status_commits_and_files_from_git()
    {
        var github = Client();
        var master = (await _server.BranchHeadAsync("master"))!;
        await _server.SetBranchAsync("topic", master);
        var maintainer = await _server.CommitAsync("topic", new Dictionary<string, byte[]?> { ["README.md"] = "# changed\n"u8.ToArray(), ["new.md"] = "a\nb\n"u8.ToArray() }, "Edit README\n\nDetails.");
        var ahead = await github.Repository.Commit.Compare(Owner, Repo, master, "topic");
        Assert.Equal("ahead", ahead.Status);
        Assert.Equal(1, ahead.AheadBy);
        var commit = Assert.Single(ahead.Commits);
        Assert.Equal(maintainer, commit.Sha);
        Assert.Equal("Edit README\n\nDetails.", commit.Commit.Message);
        Assert.Equal("Maintainer", commit.Commit.Author.Name);
        Assert.Equal(["README.md:modified", "new.md:added"], ahead.Files.Select(f => f.Filename + ":" + f.Status).Order(StringComparer.Ordinal));
        Assert.Equal(2, ahead.Files.Single(f => f.Filename == "new.md").Additions);

        await _server.MoveBaseAsync(new Dictionary<string, byte[]?> { ["other.md"] = "o\n"u8.ToArray() });
        Assert.Equal("diverged", (await github.Repository.Commit.Compare(Owner, Repo, "master", "topic")).Status);
        Assert.Equal("behind", (await github.Repository.Commit.Compare(Owner, Repo, "master", master)).Status);
        Assert.Equal("identical", (await github.Repository.Commit.Compare(Owner, Repo, maintainer, "topic")).Status);
    }
}
