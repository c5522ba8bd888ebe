namespace DraftPad.Export;

/// <summary>Where a pad is in its life, which names the pull request's phase.</summary>
public enum ExportPhase
{
    /// <summary>The pad is still open: "Draft: ...".</summary>
    Draft,

    /// <summary>The pad is closed, review is under way: "Review: ...".</summary>
    Review,

    /// <summary>Final edits before release: "EDITORIAL CLOSING: ...".</summary>
    EditorialClosing,
}

/// <summary>An image attached to the pad.</summary>
/// <param name="Name">File name (see <see cref="Rendering.PostLayout.IsValidImageName"/>).</param>
/// <param name="Content">The bytes.</param>
public sealed record ExportImage(string Name, byte[] Content);

/// <summary>One file the export writes, repository-relative.</summary>
/// <param name="Path">e.g. <c>content/blog/newsletter/2026-12-05-newsletter.md</c>.</param>
/// <param name="Content">The bytes.</param>
public sealed record ExportFile(string Path, byte[] Content);

/// <summary>Everything an export needs from the pad.</summary>
public sealed record ExportRequest
{
    /// <summary>The covered month (the pad id).</summary>
    public required int Year { get; init; }

    /// <summary>The covered month (1-12).</summary>
    public required int Month { get; init; }

    /// <summary>Planned release date: names the post file and the image folder.</summary>
    public required DateOnly ReleaseDate { get; init; }

    /// <summary>The post's text, editor-only notes already removed (the linter's convention).</summary>
    public required string Markdown { get; init; }

    /// <summary>Images attached to the pad.</summary>
    public IReadOnlyList<ExportImage> Images { get; init; } = [];

    /// <summary>Phase for the title.</summary>
    public ExportPhase Phase { get; init; } = ExportPhase.Draft;

    /// <summary>Lint findings left (warnings), listed in the pull request body.</summary>
    public IReadOnlyList<string> LintWarnings { get; init; } = [];

    /// <summary>Contributors to thank in the body.</summary>
    public IReadOnlyList<string> Contributors { get; init; } = [];

    /// <summary>The commit this exporter last wrote to the branch (null on the first export).</summary>
    public string? LastExportCommit { get; init; }

    /// <summary>
    /// Export even when someone else pushed to the branch: DraftPad commits the pad's version on
    /// top of their commits (their files are replaced, their commits stay in the history).
    /// </summary>
    public bool Force { get; init; }
}

/// <summary>What an export did.</summary>
public enum ExportOutcome
{
    /// <summary>A new branch and pull request.</summary>
    Created,

    /// <summary>One new commit on the branch; pull request found or created and updated.</summary>
    Updated,

    /// <summary>Nothing changed: no commit, pull request left alone.</summary>
    NoChange,

    /// <summary>The branch has commits DraftPad did not write; nothing was written.</summary>
    Conflict,
}

/// <summary>The result of an export.</summary>
public sealed record ExportResult
{
    /// <summary>What happened.</summary>
    public required ExportOutcome Outcome { get; init; }

    /// <summary>The branch.</summary>
    public required string Branch { get; init; }

    /// <summary>The commit the branch points at after the export (DraftPad's, or the foreign head on conflict).</summary>
    public string? Commit { get; init; }

    /// <summary>The pull request number.</summary>
    public int? PullRequestNumber { get; init; }

    /// <summary>The pull request's web address.</summary>
    public string? PullRequestUrl { get; init; }

    /// <summary>The files of the export.</summary>
    public IReadOnlyList<ExportFile> Files { get; init; } = [];

    /// <summary>On conflict: what the foreign commits changed, file by file.</summary>
    public ConflictReport? Conflict { get; init; }
}

/// <summary>Commits on the export branch that DraftPad did not write.</summary>
/// <param name="ExpectedCommit">The commit DraftPad last wrote.</param>
/// <param name="BranchHead">Where the branch is now.</param>
/// <param name="Commits">The foreign commits: sha, author, message.</param>
/// <param name="Files">What they changed: path, status, +/- lines.</param>
public sealed record ConflictReport(string? ExpectedCommit, string BranchHead, IReadOnlyList<string> Commits, IReadOnlyList<string> Files)
{
    /// <summary>A human-readable report for the CLI and the API.</summary>
    public override string ToString() =>
        $"The branch was changed by someone else: it is at {BranchHead[..Math.Min(7, BranchHead.Length)]}, DraftPad last wrote {(ExpectedCommit is null ? "nothing" : ExpectedCommit[..Math.Min(7, ExpectedCommit.Length)])}.\n"
        + (Commits.Count > 0 ? "Commits:\n" + string.Join("\n", Commits.Select(c => "  " + c)) + "\n" : "")
        + (Files.Count > 0 ? "Files:\n" + string.Join("\n", Files.Select(f => "  " + f)) + "\n" : "")
        + "Nothing was written. Merge their edits into the pad and export again, or export with force to commit the pad's version on top of theirs.";
}

/// <summary>What an export would do (dry run).</summary>
/// <param name="Branch">The month's branch.</param>
/// <param name="Files">The files it would write.</param>
/// <param name="Diff">Unified diff against the branch (or the base branch); empty when nothing would change.</param>
/// <param name="Title">The pull request title.</param>
/// <param name="Body">The pull request body.</param>
public sealed record ExportPlan(string Branch, IReadOnlyList<ExportFile> Files, string Diff, string Title, string Body)
{
    /// <summary>Diff of one file against its old content (null: new file); binary files get one line.</summary>
    public static string DiffOf(ExportFile file, byte[]? old)
    {
        if (!IsText(file.Path)) return old is null ? $"Binary file b/{file.Path} added\n" : $"Binary file b/{file.Path} changed\n";
        return Rendering.UnifiedDiff.Create(file.Path, old is null ? null : System.Text.Encoding.UTF8.GetString(old), System.Text.Encoding.UTF8.GetString(file.Content));
    }

    /// <summary>Diff of a file the export removes from the branch.</summary>
    public static string DeletionOf(string path, byte[] old) =>
        IsText(path) ? Rendering.UnifiedDiff.Create(path, System.Text.Encoding.UTF8.GetString(old), null) : $"Binary file a/{path} deleted\n";

    private static bool IsText(string path) => path.EndsWith(".md", StringComparison.Ordinal) || path.EndsWith(".svg", StringComparison.Ordinal);
}
