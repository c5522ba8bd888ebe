using System.Net;
using Octokit;

namespace DraftPad.Export.GitHub;

/// <summary><see cref="IGitHubRepository"/> over Octokit, every call through <see cref="GitHubRetry"/>.</summary>
public sealed class OctokitGitHubRepository : IGitHubRepository
{
    private readonly GitHubAuth _auth;
    private readonly GitHubOptions _options;
    private readonly GitHubRetry _retry;

    /// <summary>Creates the repository client; <paramref name="delay"/> replaces Task.Delay in retries (tests).</summary>
    public OctokitGitHubRepository(GitHubOptions options, GitHubAuth? auth = null, Func<TimeSpan, CancellationToken, Task>? delay = null, TimeProvider? time = null)
    {
        _options = options;
        _auth = auth ?? new GitHubAuth(options, time);
        _retry = new GitHubRetry(options, delay, time);
    }

    private string Owner => _options.Owner;
    private string Name => _options.Repository;

    private Task<T> Call<T>(string what, Func<GitHubClient, Task<T>> request, CancellationToken cancellationToken) =>
        // The client is asked for on every attempt: an App's installation token expires after an
        // hour and GitHubAuth renews it; obtaining it is retried like any request.
        _retry.RunAsync(what, async () => await request(await _auth.CreateClientAsync(cancellationToken)), cancellationToken);

    /// <inheritdoc />
    public async Task<string?> GetBranchHeadAsync(string branch, CancellationToken cancellationToken = default)
    {
        // Branch.Get, not Reference.Get: the latter answers a prefix of other branch names with an
        // empty reference instead of "not found".
        try
        {
            var found = await Call($"read branch {branch}", c => c.Repository.Branch.Get(Owner, Name, branch), cancellationToken);
            return found.Commit.Sha;
        }
        catch (GitHubExportException e) when (e.StatusCode == 404 && !e.Authentication)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<string> GetCommitTreeAsync(string commitSha, CancellationToken cancellationToken = default) =>
        (await Call($"read commit {commitSha}", c => c.Git.Commit.Get(Owner, Name, commitSha), cancellationToken)).Tree.Sha;

    /// <inheritdoc />
    public async Task<CommitInfo> GetCommitAsync(string commitSha, CancellationToken cancellationToken = default)
    {
        var commit = await Call($"read commit {commitSha}", c => c.Git.Commit.Get(Owner, Name, commitSha), cancellationToken);
        return new CommitInfo(commit.Sha, commit.Tree.Sha, commit.Message ?? "", commit.Parents?.Select(p => p.Sha).ToList() ?? []);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> GetTreeFilesAsync(string treeSha, CancellationToken cancellationToken = default)
    {
        var tree = await Call($"read tree {treeSha}", c => c.Git.Tree.GetRecursive(Owner, Name, treeSha), cancellationToken);
        if (tree.Truncated)
        {
            throw new GitHubExportException($"GitHub listed tree {treeSha} only in part (too many files); the export cannot check the branch's files.");
        }
        return tree.Tree.Where(i => i.Type.Value == TreeType.Blob).ToDictionary(i => i.Path, i => i.Sha, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> GetBlobShasAsync(string treeSha, IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        var tree = await Call($"read tree {treeSha}", c => c.Git.Tree.GetRecursive(Owner, Name, treeSha), cancellationToken);
        var wanted = paths.ToHashSet(StringComparer.Ordinal);
        return tree.Tree.Where(i => i.Type.Value == TreeType.Blob && wanted.Contains(i.Path)).ToDictionary(i => i.Path, i => i.Sha, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<byte[]> GetBlobAsync(string blobSha, CancellationToken cancellationToken = default)
    {
        var blob = await Call($"read blob {blobSha}", c => c.Git.Blob.Get(Owner, Name, blobSha), cancellationToken);
        return blob.Encoding.Value == EncodingType.Base64
            ? Convert.FromBase64String(blob.Content.Replace("\n", "", StringComparison.Ordinal)) // GitHub wraps base64 at 60 columns
            : System.Text.Encoding.UTF8.GetBytes(blob.Content);
    }

    /// <inheritdoc />
    public async Task<string> CreateBlobAsync(byte[] content, CancellationToken cancellationToken = default) =>
        (await Call("create a blob", c => c.Git.Blob.Create(Owner, Name, new NewBlob { Content = Convert.ToBase64String(content), Encoding = EncodingType.Base64 }), cancellationToken)).Sha;

    /// <inheritdoc />
    public async Task<string> CreateTreeAsync(string baseTree, IReadOnlyList<TreeFile> files, CancellationToken cancellationToken = default)
    {
        var tree = new NewTree { BaseTree = baseTree };
        foreach (var file in files)
        {
            tree.Tree.Add(new NewTreeItem { Path = file.Path, Mode = "100644", Type = TreeType.Blob, Sha = file.BlobSha });
        }
        return (await Call("create a tree", c => c.Git.Tree.Create(Owner, Name, tree), cancellationToken)).Sha;
    }

    /// <inheritdoc />
    public async Task<string> CreateCommitAsync(string message, string tree, IReadOnlyList<string> parents, CancellationToken cancellationToken = default) =>
        (await Call("create a commit", c => c.Git.Commit.Create(Owner, Name, new NewCommit(message, tree, parents)), cancellationToken)).Sha;

    /// <inheritdoc />
    public async Task CreateBranchAsync(string branch, string commitSha, CancellationToken cancellationToken = default)
    {
        try
        {
            await Call($"create branch {branch}", c => c.Git.Reference.Create(Owner, Name, new NewReference("refs/heads/" + branch, commitSha)), cancellationToken);
        }
        catch (GitHubExportException e) when (e.StatusCode == 422 && e.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            throw new ExportConflictException($"Branch {branch} was created by someone else while exporting; nothing was overwritten. Export again to see what it holds.");
        }
    }

    /// <inheritdoc />
    public async Task UpdateBranchAsync(string branch, string commitSha, bool force, CancellationToken cancellationToken = default)
    {
        try
        {
            await Call($"move branch {branch}", c => c.Git.Reference.Update(Owner, Name, "heads/" + branch, new ReferenceUpdate(commitSha, force)), cancellationToken);
        }
        catch (GitHubExportException e) when (e.StatusCode == 422 && !force)
        {
            throw new ExportConflictException($"Branch {branch} moved while exporting (not a fast-forward); nothing was overwritten. Export again to see what changed.");
        }
    }

    /// <inheritdoc />
    public async Task<Comparison> CompareAsync(string baseRef, string head, CancellationToken cancellationToken = default)
    {
        var result = await Call($"compare {baseRef}...{head}", c => c.Repository.Commit.Compare(Owner, Name, baseRef, head), cancellationToken);
        return new Comparison(
            result.Status,
            (result.Commits ?? []).Select(c => $"{c.Sha[..Math.Min(7, c.Sha.Length)]} {c.Commit?.Author?.Name ?? "unknown"}: {(c.Commit?.Message ?? "").Split('\n')[0]}").ToList(),
            (result.Files ?? []).Select(f => $"{f.Filename} ({f.Status}, +{f.Additions} -{f.Deletions})").ToList());
    }

    /// <inheritdoc />
    public async Task<PullRequestInfo?> FindOpenPullRequestAsync(string branch, string baseBranch, CancellationToken cancellationToken = default)
    {
        var request = new PullRequestRequest { State = ItemStateFilter.Open, Head = $"{Owner}:{branch}", Base = baseBranch };
        var found = await Call("find the pull request", c => c.PullRequest.GetAllForRepository(Owner, Name, request), cancellationToken);
        return found.FirstOrDefault(p => p.Head.Ref == branch) is { } pr ? Info(pr) : null;
    }

    /// <inheritdoc />
    public async Task<PullRequestInfo> CreatePullRequestAsync(string branch, string baseBranch, string title, string body, CancellationToken cancellationToken = default)
    {
        try
        {
            var created = await Call("open the pull request", c => c.PullRequest.Create(Owner, Name, new NewPullRequest(title, branch, baseBranch) { Body = body }), cancellationToken);
            return Info(created);
        }
        catch (GitHubExportException e) when (e.StatusCode == 422 && e.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            // Opened by someone else in the meantime (GitHub answers 422): use that one.
            return await FindOpenPullRequestAsync(branch, baseBranch, cancellationToken)
                ?? throw new GitHubExportException($"GitHub reports a pull request for {branch} but it cannot be found.", 422, e);
        }
    }

    /// <inheritdoc />
    public Task UpdatePullRequestAsync(int number, string title, string body, CancellationToken cancellationToken = default) =>
        Call($"update pull request #{number}", c => c.PullRequest.Update(Owner, Name, number, new PullRequestUpdate { Title = title, Body = body }), cancellationToken);

    /// <inheritdoc />
    public async Task<bool> LabelExistsAsync(string label, CancellationToken cancellationToken = default)
    {
        try
        {
            await Call($"look up label '{label}'", c => c.Issue.Labels.Get(Owner, Name, label), cancellationToken);
            return true;
        }
        catch (GitHubExportException e) when (e.StatusCode == (int)HttpStatusCode.NotFound && !e.Authentication)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public Task AddLabelsAsync(int number, IReadOnlyList<string> labels, CancellationToken cancellationToken = default) =>
        Call($"label pull request #{number}", c => c.Issue.Labels.AddToIssue(Owner, Name, number, [.. labels]), cancellationToken);

    /// <inheritdoc />
    public Task RequestReviewersAsync(int number, IReadOnlyList<string> reviewers, CancellationToken cancellationToken = default) =>
        Call($"request reviews on #{number}", c => c.PullRequest.ReviewRequest.Create(Owner, Name, number, new PullRequestReviewRequest([.. reviewers], [])), cancellationToken);

    private static PullRequestInfo Info(PullRequest pr) =>
        new(pr.Number, pr.HtmlUrl, pr.Title, pr.Body, pr.Labels?.Select(l => l.Name).ToList() ?? []);
}
