using DraftPad.Export.GitHub;
using DraftPad.Export.Rendering;

namespace DraftPad.Export;

/// <summary>
/// Writes a month's post and images to the site repository as one commit on the month's branch
/// and opens or updates its pull request.
/// <list type="bullet">
/// <item>Idempotent: unchanged files make no commit and leave the pull request alone.</item>
/// <item>Safe for maintainers' edits: the branch only advances from the commit DraftPad last
/// wrote; any other head is a <see cref="ExportOutcome.Conflict"/> with a report, unless forced.</item>
/// <item>When the base branch moved, the export is rebuilt on the new base.</item>
/// </list>
/// </summary>
public sealed class NewsletterExporter(IGitHubRepository repository, GitHubOptions options)
{
    /// <summary>Runs the export.</summary>
    /// <exception cref="GitHubExportException">GitHub refused or failed (after retries).</exception>
    /// <exception cref="ArgumentException">The request is invalid (e.g. an image name).</exception>
    public async Task<ExportResult> ExportAsync(ExportRequest request, CancellationToken cancellationToken = default)
    {
        var files = PostRenderer.Render(request);
        var branch = options.BranchFor(request.Year, request.Month);
        var baseHead = await repository.GetBranchHeadAsync(options.BaseBranch, cancellationToken)
            ?? throw new GitHubExportException($"The base branch '{options.BaseBranch}' does not exist in {options.Owner}/{options.Repository}.", 404);
        var head = await repository.GetBranchHeadAsync(branch, cancellationToken);

        if (head != null && head != request.LastExportCommit && !request.Force)
        {
            var comparison = await repository.CompareAsync(request.LastExportCommit ?? baseHead, head, cancellationToken);
            return new ExportResult
            {
                Outcome = ExportOutcome.Conflict,
                Branch = branch,
                Commit = head,
                Files = files,
                Conflict = new ConflictReport(request.LastExportCommit, head, comparison.Commits, comparison.Files),
            };
        }

        // Build on the branch when it is ours and still contains the base; otherwise on the base.
        var parent = baseHead;
        var rebuild = false;
        if (head != null)
        {
            var onBase = head == baseHead || (await repository.CompareAsync(baseHead, head, cancellationToken)).Status is "ahead" or "identical";
            if (onBase && head == request.LastExportCommit) parent = head;
            else rebuild = true; // the base moved, or a forced export over someone else's commits
        }

        var parentTree = await repository.GetCommitTreeAsync(parent, cancellationToken);
        var existing = await repository.GetBlobShasAsync(parentTree, files.Select(f => f.Path), cancellationToken);
        var changed = files.Where(f => !existing.TryGetValue(f.Path, out var sha) || sha != GitObjects.BlobSha(f.Content)).ToList();

        string commit;
        ExportOutcome outcome;
        if (changed.Count == 0 && parent == head)
        {
            commit = head;
            outcome = ExportOutcome.NoChange;
        }
        else
        {
            var entries = new List<TreeFile>();
            foreach (var file in changed)
            {
                entries.Add(new TreeFile(file.Path, await repository.CreateBlobAsync(file.Content, cancellationToken)));
            }
            var tree = entries.Count == 0 ? parentTree : await repository.CreateTreeAsync(parentTree, entries, cancellationToken);
            commit = await repository.CreateCommitAsync(CommitMessage(request), tree, [parent], cancellationToken);
            if (head == null) await repository.CreateBranchAsync(branch, commit, cancellationToken);
            else await repository.UpdateBranchAsync(branch, commit, force: rebuild, cancellationToken);
            outcome = head == null ? ExportOutcome.Created : ExportOutcome.Updated;
        }

        var pullRequest = await EnsurePullRequestAsync(request, branch, outcome, cancellationToken);
        return new ExportResult
        {
            Outcome = outcome,
            Branch = branch,
            Commit = commit,
            PullRequestNumber = pullRequest.Number,
            PullRequestUrl = pullRequest.HtmlUrl,
            Files = files,
        };
    }

    /// <summary>
    /// A dry run: the files the export would write and their diff against the month's branch (or
    /// the base branch when there is none yet). Writes nothing.
    /// </summary>
    public async Task<ExportPlan> PlanAsync(ExportRequest request, CancellationToken cancellationToken = default)
    {
        var files = PostRenderer.Render(request);
        var branch = options.BranchFor(request.Year, request.Month);
        var against = await repository.GetBranchHeadAsync(branch, cancellationToken)
            ?? await repository.GetBranchHeadAsync(options.BaseBranch, cancellationToken)
            ?? throw new GitHubExportException($"The base branch '{options.BaseBranch}' does not exist in {options.Owner}/{options.Repository}.", 404);
        var tree = await repository.GetCommitTreeAsync(against, cancellationToken);
        var existing = await repository.GetBlobShasAsync(tree, files.Select(f => f.Path), cancellationToken);
        var diff = new System.Text.StringBuilder();
        foreach (var file in files)
        {
            existing.TryGetValue(file.Path, out var sha);
            if (sha == GitObjects.BlobSha(file.Content)) continue;
            byte[]? old = sha is null ? null : await repository.GetBlobAsync(sha, cancellationToken);
            diff.Append(ExportPlan.DiffOf(file, old));
        }
        return new ExportPlan(branch, files, diff.ToString(), PullRequestText.Title(request), PullRequestText.Body(request));
    }

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

    private static string CommitMessage(ExportRequest request) =>
        $"Newsletter {PostRenderer.MonthName(request.Year, request.Month)}: export from DraftPad";
}
