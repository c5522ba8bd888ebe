using DraftPad.Export.GitHub;
using DraftPad.Export.Rendering;

namespace DraftPad.Export;

/// <summary>
/// Writes a month's post and images to the site repository as one commit on the month's branch
/// and opens or updates its pull request.
/// <list type="bullet">
/// <item>The branch always holds the base branch's files plus the export's files: a file the pad
/// no longer has (a removed image, the post under an old release date) disappears from it.</item>
/// <item>Idempotent: when the branch already holds exactly that, no commit is made and the pull
/// request is left alone.</item>
/// <item>Safe for maintainers' edits: the branch only advances from a commit DraftPad wrote (the
/// request's <see cref="ExportRequest.LastExportCommit"/>, or a commit carrying DraftPad's tree
/// trailer whose tree is untouched); any other head is a <see cref="ExportOutcome.Conflict"/> with a
/// report, unless forced. Every branch update is a fast-forward, so a push that lands while the
/// export runs is never overwritten (the export then reports the conflict).</item>
/// <item>When the base branch moved, the export's commit also has the new base as a parent (a
/// merge), so the branch is rebuilt on the new base without rewriting history.</item>
/// <item>A forced export commits on top of the foreign commits: their content is replaced by the
/// pad's, their history stays.</item>
/// </list>
/// </summary>
public sealed class NewsletterExporter(IGitHubRepository repository, GitHubOptions options)
{
    /// <summary>The trailer naming the tree DraftPad wrote, in the message of each of its commits.</summary>
    public const string TreeTrailer = "DraftPad-Tree: ";

    /// <summary>Runs the export.</summary>
    /// <exception cref="GitHubExportException">GitHub refused or failed (after retries).</exception>
    /// <exception cref="ArgumentException">The request is invalid (e.g. an image name).</exception>
    public async Task<ExportResult> ExportAsync(ExportRequest request, CancellationToken cancellationToken = default)
    {
        var files = PostRenderer.Render(request);
        var shas = files.ToDictionary(f => f.Path, f => GitObjects.BlobSha(f.Content), StringComparer.Ordinal);
        var branch = options.BranchFor(request.Year, request.Month);
        var baseHead = await BaseHeadAsync(cancellationToken);
        var head = await repository.GetBranchHeadAsync(branch, cancellationToken);
        var headCommit = head is null ? null : await repository.GetCommitAsync(head, cancellationToken);

        var baseTree = await repository.GetCommitTreeAsync(baseHead, cancellationToken);
        var baseFiles = await repository.GetTreeFilesAsync(baseTree, cancellationToken);
        IReadOnlyDictionary<string, string>? headFiles = null;
        var baseIncluded = true;
        if (head != null)
        {
            baseIncluded = head == baseHead || (await repository.CompareAsync(baseHead, head, cancellationToken)).Status is "ahead" or "identical";
            if (baseIncluded) headFiles = await repository.GetTreeFilesAsync(headCommit!.Tree, cancellationToken);
        }

        if (head != null && headFiles != null && HoldsExactly(headFiles, baseFiles, shas))
        {
            // Already exported (also when someone else's commits hold exactly the pad's version):
            // no commit, and the pull request is left alone.
            var existing = await EnsurePullRequestAsync(request, branch, ExportOutcome.NoChange, cancellationToken);
            return Result(ExportOutcome.NoChange, branch, head, files, existing);
        }

        var ours = headCommit != null && (head == request.LastExportCommit || IsExportCommit(headCommit));
        if (head != null && !ours && !request.Force)
        {
            return await ConflictAsync(request.LastExportCommit, request.LastExportCommit ?? baseHead, baseHead, branch, head, files, cancellationToken);
        }

        if (files.All(f => baseFiles.TryGetValue(f.Path, out var sha) && sha == shas[f.Path]))
        {
            // The base branch already holds this export (the pull request was merged): nothing to propose.
            var open = await repository.FindOpenPullRequestAsync(branch, options.BaseBranch, cancellationToken);
            return Result(ExportOutcome.NoChange, branch, head ?? baseHead, files, open);
        }

        var entries = new List<TreeFile>();
        foreach (var file in files)
        {
            var sha = shas[file.Path];
            if (baseFiles.TryGetValue(file.Path, out var onBase) && onBase == sha) continue;
            if (headFiles?.TryGetValue(file.Path, out var onHead) != true || onHead != sha)
            {
                var stored = await repository.CreateBlobAsync(file.Content, cancellationToken);
                if (stored != sha)
                {
                    throw new GitHubExportException($"GitHub stored {file.Path} as blob {stored}, expected {sha}: the content was altered on the way.");
                }
            }
            entries.Add(new TreeFile(file.Path, sha));
        }
        var tree = await repository.CreateTreeAsync(baseTree, entries, cancellationToken);
        List<string> parents = head is null ? [baseHead] : baseIncluded ? [head] : [head, baseHead];
        var commit = await repository.CreateCommitAsync(CommitMessage(request, tree), tree, parents, cancellationToken);
        try
        {
            if (head is null) await repository.CreateBranchAsync(branch, commit, cancellationToken);
            else await repository.UpdateBranchAsync(branch, commit, force: false, cancellationToken);
        }
        catch (ExportConflictException)
        {
            // Someone pushed (or created the branch) while this export ran: theirs stays.
            var now = await repository.GetBranchHeadAsync(branch, cancellationToken);
            if (now is null) throw;
            return await ConflictAsync(head, head ?? baseHead, baseHead, branch, now, files, cancellationToken);
        }

        var outcome = head is null ? ExportOutcome.Created : ExportOutcome.Updated;
        var pullRequest = await EnsurePullRequestAsync(request, branch, outcome, cancellationToken);
        return Result(outcome, branch, commit, files, pullRequest);
    }

    /// <summary>
    /// A dry run: the files the export would write and their diff against the month's branch (or
    /// the base branch when there is none yet), including files the branch holds that the export
    /// would remove. Writes nothing.
    /// </summary>
    public async Task<ExportPlan> PlanAsync(ExportRequest request, CancellationToken cancellationToken = default)
    {
        var files = PostRenderer.Render(request);
        var branch = options.BranchFor(request.Year, request.Month);
        var baseHead = await BaseHeadAsync(cancellationToken);
        var head = await repository.GetBranchHeadAsync(branch, cancellationToken);
        var baseFiles = await repository.GetTreeFilesAsync(await repository.GetCommitTreeAsync(baseHead, cancellationToken), cancellationToken);
        var existing = head is null ? baseFiles : await repository.GetTreeFilesAsync(await repository.GetCommitTreeAsync(head, cancellationToken), cancellationToken);
        var diff = new System.Text.StringBuilder();
        foreach (var file in files)
        {
            existing.TryGetValue(file.Path, out var sha);
            if (sha == GitObjects.BlobSha(file.Content)) continue;
            byte[]? old = sha is null ? null : await repository.GetBlobAsync(sha, cancellationToken);
            diff.Append(ExportPlan.DiffOf(file, old));
        }
        var written = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var (path, sha) in existing.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            // Files the branch added that the export no longer writes (a removed image, an old post path).
            if (written.Contains(path) || baseFiles.ContainsKey(path)) continue;
            diff.Append(ExportPlan.DeletionOf(path, await repository.GetBlobAsync(sha, cancellationToken)));
        }
        return new ExportPlan(branch, files, diff.ToString(), PullRequestText.Title(request), PullRequestText.Body(request));
    }

    /// <summary>Whether <paramref name="commit"/> is one DraftPad wrote and nobody altered: its message names its own tree.</summary>
    public static bool IsExportCommit(CommitInfo commit) =>
        commit.Message.Split('\n').Any(line => line.TrimEnd('\r') == TreeTrailer + commit.Tree);

    private async Task<string> BaseHeadAsync(CancellationToken cancellationToken) =>
        await repository.GetBranchHeadAsync(options.BaseBranch, cancellationToken)
        ?? throw new GitHubExportException($"The base branch '{options.BaseBranch}' does not exist in {options.Owner}/{options.Repository}.", 404);

    /// <summary>Whether <paramref name="branchFiles"/> is exactly <paramref name="baseFiles"/> with the export's files written over it.</summary>
    private static bool HoldsExactly(IReadOnlyDictionary<string, string> branchFiles, IReadOnlyDictionary<string, string> baseFiles, IReadOnlyDictionary<string, string> export)
    {
        var expectedCount = baseFiles.Count + export.Keys.Count(p => !baseFiles.ContainsKey(p));
        if (branchFiles.Count != expectedCount) return false;
        foreach (var (path, sha) in branchFiles)
        {
            var expected = export.TryGetValue(path, out var exported) ? exported : baseFiles.GetValueOrDefault(path);
            if (expected != sha) return false;
        }
        return true;
    }

    private async Task<ExportResult> ConflictAsync(string? expected, string compareFrom, string baseHead, string branch, string head, IReadOnlyList<ExportFile> files, CancellationToken cancellationToken)
    {
        Comparison comparison;
        try
        {
            comparison = await repository.CompareAsync(compareFrom, head, cancellationToken);
        }
        catch (GitHubExportException e) when (e.StatusCode == 404 && !e.Authentication && compareFrom != baseHead)
        {
            // The commit DraftPad remembers is gone from GitHub (history rewritten): compare with the base.
            comparison = await repository.CompareAsync(baseHead, head, cancellationToken);
        }
        return new ExportResult
        {
            Outcome = ExportOutcome.Conflict,
            Branch = branch,
            Commit = head,
            Files = files,
            Conflict = new ConflictReport(expected, head, comparison.Commits, comparison.Files),
        };
    }

    private static ExportResult Result(ExportOutcome outcome, string branch, string commit, IReadOnlyList<ExportFile> files, PullRequestInfo? pullRequest) => new()
    {
        Outcome = outcome,
        Branch = branch,
        Commit = commit,
        PullRequestNumber = pullRequest?.Number,
        PullRequestUrl = pullRequest?.HtmlUrl,
        Files = files,
    };

    private async Task<PullRequestInfo> EnsurePullRequestAsync(ExportRequest request, string branch, ExportOutcome outcome, CancellationToken cancellationToken)
    {
        var title = PullRequestText.Title(request);
        var body = PullRequestText.Body(request);
        var pullRequest = await repository.FindOpenPullRequestAsync(branch, options.BaseBranch, cancellationToken);
        var isNew = pullRequest == null;
        if (pullRequest == null)
        {
            pullRequest = await repository.CreatePullRequestAsync(branch, options.BaseBranch, title, body, cancellationToken);
        }
        else if (outcome != ExportOutcome.NoChange && (pullRequest.Title != title || pullRequest.Body != body))
        {
            await repository.UpdatePullRequestAsync(pullRequest.Number, title, body, cancellationToken);
            pullRequest = pullRequest with { Title = title, Body = body };
        }
        if (options.Label is { Length: > 0 } label && !pullRequest.Labels.Contains(label)
            && (isNew || outcome != ExportOutcome.NoChange)
            && await repository.LabelExistsAsync(label, cancellationToken))
        {
            await repository.AddLabelsAsync(pullRequest.Number, [label], cancellationToken);
        }
        if (isNew && options.Reviewers.Count > 0)
        {
            await repository.RequestReviewersAsync(pullRequest.Number, options.Reviewers, cancellationToken);
        }
        return pullRequest;
    }

    private static string CommitMessage(ExportRequest request, string tree) =>
        $"Newsletter {PostRenderer.MonthName(request.Year, request.Month)}: export from DraftPad\n\n{TreeTrailer}{tree}\n";
}
