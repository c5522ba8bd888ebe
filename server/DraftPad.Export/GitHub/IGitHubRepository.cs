namespace DraftPad.Export.GitHub;

/// <summary>A tree entry to write: a file (blob) at a repository-relative path.</summary>
/// <param name="Path">Repository-relative path.</param>
/// <param name="BlobSha">The blob holding its content.</param>
public sealed record TreeFile(string Path, string BlobSha);

/// <summary>An open pull request.</summary>
/// <param name="Number">Its number.</param>
/// <param name="HtmlUrl">Its web address.</param>
/// <param name="Title">Title.</param>
/// <param name="Body">Body.</param>
/// <param name="Labels">Label names.</param>
public sealed record PullRequestInfo(int Number, string HtmlUrl, string Title, string? Body, IReadOnlyList<string> Labels);

/// <summary>A commit as the exporter needs it.</summary>
/// <param name="Sha">Its id.</param>
/// <param name="Tree">Its tree.</param>
/// <param name="Message">Its full message.</param>
/// <param name="Parents">Its parents.</param>
public sealed record CommitInfo(string Sha, string Tree, string Message, IReadOnlyList<string> Parents);

/// <summary>How a head compares with a base.</summary>
/// <param name="Status">GitHub's status: identical, ahead, behind, diverged.</param>
/// <param name="Commits">Commits on head not on base: "sha author: message".</param>
/// <param name="Files">Changed files: "path (status, +a -d)".</param>
public sealed record Comparison(string Status, IReadOnlyList<string> Commits, IReadOnlyList<string> Files);

/// <summary>
/// The few GitHub operations an export needs, on one repository. DraftPad's own interface: the
/// exporter does not see Octokit, and the operations say what they mean for an export.
/// </summary>
public interface IGitHubRepository
{
    /// <summary>The commit a branch points at, or null when the branch does not exist.</summary>
    Task<string?> GetBranchHeadAsync(string branch, CancellationToken cancellationToken = default);

    /// <summary>The tree of a commit.</summary>
    Task<string> GetCommitTreeAsync(string commitSha, CancellationToken cancellationToken = default);

    /// <summary>A commit: its tree, message and parents.</summary>
    Task<CommitInfo> GetCommitAsync(string commitSha, CancellationToken cancellationToken = default);

    /// <summary>Every file of a tree, recursively: path to blob sha.</summary>
    /// <exception cref="GitHubExportException">The tree is too large for GitHub to list in one answer.</exception>
    Task<IReadOnlyDictionary<string, string>> GetTreeFilesAsync(string treeSha, CancellationToken cancellationToken = default);

    /// <summary>Blob shas of the given paths in a tree (paths absent from the tree are left out).</summary>
    Task<IReadOnlyDictionary<string, string>> GetBlobShasAsync(string treeSha, IEnumerable<string> paths, CancellationToken cancellationToken = default);

    /// <summary>The content of a blob.</summary>
    Task<byte[]> GetBlobAsync(string blobSha, CancellationToken cancellationToken = default);

    /// <summary>Stores a blob; returns its sha.</summary>
    Task<string> CreateBlobAsync(byte[] content, CancellationToken cancellationToken = default);

    /// <summary>Creates a tree: <paramref name="baseTree"/> with <paramref name="files"/> added or replaced.</summary>
    Task<string> CreateTreeAsync(string baseTree, IReadOnlyList<TreeFile> files, CancellationToken cancellationToken = default);

    /// <summary>Creates a commit.</summary>
    Task<string> CreateCommitAsync(string message, string tree, IReadOnlyList<string> parents, CancellationToken cancellationToken = default);

    /// <summary>Creates a branch at a commit (<see cref="ExportConflictException"/> when it appeared meanwhile).</summary>
    Task CreateBranchAsync(string branch, string commitSha, CancellationToken cancellationToken = default);

    /// <summary>Moves a branch; without <paramref name="force"/> only as a fast-forward (else <see cref="ExportConflictException"/>).</summary>
    Task UpdateBranchAsync(string branch, string commitSha, bool force, CancellationToken cancellationToken = default);

    /// <summary>Compares two commits (what <paramref name="head"/> has that <paramref name="baseRef"/> lacks).</summary>
    Task<Comparison> CompareAsync(string baseRef, string head, CancellationToken cancellationToken = default);

    /// <summary>The open pull request from <paramref name="branch"/> into <paramref name="baseBranch"/>, if any.</summary>
    Task<PullRequestInfo?> FindOpenPullRequestAsync(string branch, string baseBranch, CancellationToken cancellationToken = default);

    /// <summary>Opens a pull request (when one already exists for the branch, returns that one).</summary>
    Task<PullRequestInfo> CreatePullRequestAsync(string branch, string baseBranch, string title, string body, CancellationToken cancellationToken = default);

    /// <summary>Changes a pull request's title and body.</summary>
    Task UpdatePullRequestAsync(int number, string title, string body, CancellationToken cancellationToken = default);

    /// <summary>Whether the repository has a label (labels are looked up, never created).</summary>
    Task<bool> LabelExistsAsync(string label, CancellationToken cancellationToken = default);

    /// <summary>Adds labels to a pull request.</summary>
    Task AddLabelsAsync(int number, IReadOnlyList<string> labels, CancellationToken cancellationToken = default);

    /// <summary>Requests reviews.</summary>
    Task RequestReviewersAsync(int number, IReadOnlyList<string> reviewers, CancellationToken cancellationToken = default);
}

/// <summary>The branch moved in a way the export may not overwrite.</summary>
public sealed class ExportConflictException(string message) : Exception(message);

/// <summary>GitHub refused or failed a request (after retries); the message never holds a secret.</summary>
public sealed class GitHubExportException(string message, int? statusCode = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>HTTP status, when GitHub answered.</summary>
    public int? StatusCode { get; } = statusCode;

    /// <summary>True when obtaining credentials failed (not the request itself): a 404 then says nothing about the thing asked for.</summary>
    internal bool Authentication { get; init; }
}
