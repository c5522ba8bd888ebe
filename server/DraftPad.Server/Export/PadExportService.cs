using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using DraftPad.Export;
using DraftPad.Export.GitHub;
using DraftPad.Server.Access;
using DraftPad.Server.Pads;
using DraftPad.Server.Storage;

namespace DraftPad.Server.Export;

/// <summary>
/// Exports a pad: maintainers and bots only; the linter gates it (errors stop it unless a
/// maintainer overrides); one export per pad at a time; the outcome is recorded in the pad's
/// metadata so every client sees the pull request.
/// </summary>
public sealed partial class PadExportService(
    PadManager pads, IPadStore store, IDraftChecker checker, NewsletterExporter exporter, Microsoft.Extensions.Options.IOptions<GitHubOptions> github,
    TimeProvider time, ILogger<PadExportService> logger)
{
    private readonly ConcurrentDictionary<PadId, SemaphoreSlim> _running = new();

    /// <summary>Runs (or dry-runs) the export of <paramref name="pad"/>.</summary>
    public async Task<ExportPadResponse> ExportAsync(Pad pad, PadUser user, ExportPadRequest request, CancellationToken cancellationToken = default)
    {
        if (user.Role is not (PadRole.Maintainer or PadRole.Bot))
        {
            throw new PadRejectedException(PadRejection.Forbidden, "Only maintainers and bots may export a pad.");
        }
        if ((request.Force || request.IgnoreLintErrors) && !user.IsMaintainer)
        {
            throw new PadRejectedException(PadRejection.Forbidden, "Only maintainers may force an export or ignore lint errors.");
        }
        var gate = _running.GetOrAdd(pad.Id, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            throw new PadRejectedException(PadRejection.Conflict, $"An export of pad {pad.Id} is already running; try again when it has finished.");
        }
        try
        {
            return await RunAsync(pad, user, request, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<ExportPadResponse> RunAsync(Pad pad, PadUser user, ExportPadRequest request, CancellationToken cancellationToken)
    {
        var (markdown, status, releaseDate, last) = await pads.ReadAsync(pad, p => (p.Markdown, p.Status, p.ReleaseDate, PadMeta.GetLastExportCommit(p.Doc)));
        var phase = ParsePhase(request.Phase, status);
        var check = checker.Check(markdown, pad.Id, releaseDate);
        if (check.Errors.Count > 0 && !request.IgnoreLintErrors && !request.DryRun)
        {
            throw new PadRejectedException(PadRejection.Unprocessable,
                $"The draft has {check.Errors.Count} lint error(s); fix them, or a maintainer may export with ignoreLintErrors:\n- " + string.Join("\n- ", check.Errors));
        }
        var images = new List<ExportImage>();
        foreach (var info in await store.ListImagesAsync(pad.Id, cancellationToken))
        {
            if (await store.GetImageAsync(pad.Id, info.Name, cancellationToken) is { } image) images.Add(new ExportImage(image.Name, image.Content));
        }
        var exportRequest = new ExportRequest
        {
            Year = pad.Id.Year,
            Month = pad.Id.Month,
            ReleaseDate = releaseDate,
            Markdown = check.ExportMarkdown,
            Images = images,
            Phase = phase,
            LintWarnings = check.Warnings,
            Contributors = request.Contributors ?? [],
            LastExportCommit = last,
            Force = request.Force,
        };

        try
        {
            if (request.DryRun)
            {
                // Without credentials a dry run still shows the files: against an empty repository.
                var offline = !OfflinePlan.HasCredentials(github.Value);
                var plan = offline ? OfflinePlan.Create(exportRequest, github.Value) : await exporter.PlanAsync(exportRequest, cancellationToken);
                return new ExportPadResponse
                {
                    Outcome = "dryRun",
                    Branch = plan.Branch,
                    Files = Files(plan.Files),
                    Diff = plan.Diff,
                    Post = Encoding.UTF8.GetString(plan.Files[0].Content),
                    Title = plan.Title,
                    Body = plan.Body,
                    Warnings = [.. check.Warnings, .. check.Errors.Select(e => "error: " + e), .. offline ? ["No GitHub credentials: the diff is against an empty repository."] : Array.Empty<string>()],
                };
            }
            var result = await exporter.ExportAsync(exportRequest, cancellationToken);
            if (result.Outcome == ExportOutcome.Conflict)
            {
                Log.Conflict(logger, pad.Id.ToString(), result.Branch);
                throw new PadRejectedException(PadRejection.Conflict, result.Conflict!.ToString());
            }
            var record = new LastExport(Camel(result.Outcome), result.Branch, result.Commit!, result.PullRequestNumber, result.PullRequestUrl,
                time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), user.Name);
            await pads.EditAsServerAsync(pad, user, doc =>
            {
                PadMeta.SetLastExport(doc, record);
                if (PadMeta.GetStatus(doc) == PadStatus.Closed) PadMeta.SetStatus(doc, PadStatus.Exported);
            });
            Log.Exported(logger, pad.Id.ToString(), record.Outcome, record.Commit, record.PullRequestUrl ?? "", user.Name);
            return new ExportPadResponse
            {
                Outcome = record.Outcome,
                Branch = result.Branch,
                Commit = result.Commit,
                PullRequestNumber = result.PullRequestNumber,
                PullRequestUrl = result.PullRequestUrl,
                Files = Files(result.Files),
                Warnings = check.Warnings,
            };
        }
        catch (GitHubExportException e)
        {
            throw new PadRejectedException(PadRejection.BadGateway, e.Message);
        }
        catch (ExportConflictException e)
        {
            throw new PadRejectedException(PadRejection.Conflict, e.Message);
        }
        catch (ArgumentException e)
        {
            throw new PadRejectedException(PadRejection.Invalid, e.Message);
        }
    }

    private static ExportPhase ParsePhase(string? phase, PadStatus status) => phase?.ToLowerInvariant() switch
    {
        null or "" => status switch { PadStatus.Open => ExportPhase.Draft, PadStatus.Closed => ExportPhase.Review, _ => ExportPhase.EditorialClosing },
        "draft" => ExportPhase.Draft,
        "review" => ExportPhase.Review,
        "editorial-closing" or "editorialclosing" => ExportPhase.EditorialClosing,
        _ => throw new PadRejectedException(PadRejection.Invalid, $"Unknown phase '{phase}': use draft, review or editorial-closing."),
    };

    private static List<ExportedFile> Files(IEnumerable<ExportFile> files) => files.Select(f => new ExportedFile(f.Path, f.Content.LongLength)).ToList();

    private static string Camel(ExportOutcome outcome) => outcome switch
    {
        ExportOutcome.NoChange => "noChange",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Information, "Pad {PadId} exported ({Outcome}) at {Commit}: {PullRequest} (by {User}).")]
        public static partial void Exported(ILogger logger, string padId, string outcome, string commit, string pullRequest, string user);

        [LoggerMessage(31, LogLevel.Warning, "Pad {PadId}: branch {Branch} has commits DraftPad did not write; export stopped.")]
        public static partial void Conflict(ILogger logger, string padId, string branch);
    }
}
