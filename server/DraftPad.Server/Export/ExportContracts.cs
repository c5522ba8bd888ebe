namespace DraftPad.Server.Export;

/// <summary>Body of <c>POST /api/pads/{id}/export</c>.</summary>
/// <param name="DryRun">Return the files, the diff and the pull request text; write nothing.</param>
/// <param name="Force">Maintainers: overwrite the branch even when someone else pushed to it.</param>
/// <param name="IgnoreLintErrors">Maintainers: export despite lint errors.</param>
/// <param name="Phase">Title phase: draft, review or editorial-closing (default from the pad's status).</param>
/// <param name="Contributors">Names thanked in the pull request body.</param>
public sealed record ExportPadRequest(bool DryRun = false, bool Force = false, bool IgnoreLintErrors = false, string? Phase = null, List<string>? Contributors = null);

/// <summary>A file of the export.</summary>
/// <param name="Path">Repository-relative path.</param>
/// <param name="Size">Bytes.</param>
public sealed record ExportedFile(string Path, long Size);

/// <summary>Response of an export (or a dry run).</summary>
public sealed record ExportPadResponse
{
    /// <summary>created, updated, noChange, conflict, or dryRun.</summary>
    public required string Outcome { get; init; }

    /// <summary>The month's branch.</summary>
    public required string Branch { get; init; }

    /// <summary>The branch's commit after the export.</summary>
    public string? Commit { get; init; }

    /// <summary>Pull request number.</summary>
    public int? PullRequestNumber { get; init; }

    /// <summary>Pull request web address.</summary>
    public string? PullRequestUrl { get; init; }

    /// <summary>Files written (or that would be).</summary>
    public IReadOnlyList<ExportedFile> Files { get; init; } = [];

    /// <summary>Dry run: the unified diff against the branch.</summary>
    public string? Diff { get; init; }

    /// <summary>Dry run: the post's text as it would be written.</summary>
    public string? Post { get; init; }

    /// <summary>Dry run: pull request title.</summary>
    public string? Title { get; init; }

    /// <summary>Dry run: pull request body.</summary>
    public string? Body { get; init; }

    /// <summary>Lint warnings carried into the pull request body.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Conflict: what the foreign commits changed.</summary>
    public string? Conflict { get; init; }
}

/// <summary>The last export of a pad, kept in the pad's metadata (<c>meta.export</c>) so every client sees it.</summary>
/// <param name="Outcome">created, updated or noChange.</param>
/// <param name="Branch">The branch.</param>
/// <param name="Commit">The commit DraftPad wrote (the branch's head after the export).</param>
/// <param name="PullRequestNumber">Pull request number.</param>
/// <param name="PullRequestUrl">Pull request web address.</param>
/// <param name="At">When (UTC, ISO 8601).</param>
/// <param name="By">Who exported.</param>
public sealed record LastExport(string Outcome, string Branch, string Commit, int? PullRequestNumber, string? PullRequestUrl, string At, string By);
