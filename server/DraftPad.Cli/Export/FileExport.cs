using System.Text;
using System.Text.Json;
using DraftPad.Export;
using DraftPad.Export.GitHub;
using DraftPad.Lint;

namespace DraftPad.Cli.Export;

/// <summary>Export of a markdown file straight to GitHub, or a dry run of it (with or without GitHub).</summary>
internal static class FileExport
{
    public static async Task<int> RunAsync(CommandLine line, (int Year, int Month) month, CliConsole console, Func<string, string?> environment)
    {
        if (line.Has("token")) throw new UsageException("--token goes with --server; GitHub credentials come from DRAFTPAD_GITHUB_TOKEN (or the App variables).");
        var from = line.Require("from", "the draft to export");
        var markdown = from == "-" ? await console.In.ReadToEndAsync()
            : File.Exists(from) ? await File.ReadAllTextAsync(from) : throw new UsageException($"No such file: {from}");
        var next = month.Month == 12 ? (month.Year + 1, 1) : (month.Year, month.Month + 1);
        var releaseDate = line.Date("release-date") ?? new DateOnly(next.Item1, next.Item2, 5);

        // The gate, as the server's: the linter on what gets published (editor notes stripped).
        var published = EditorNotes.Strip(markdown);
        var diagnostics = NewsletterLinter.Default.Lint(published, new LintOptions { Year = month.Year, Month = month.Month, ReleaseDate = releaseDate });
        static string Line(LintDiagnostic d) => $"{d.RuleId} line {d.Range.Line}: {d.Message}";
        var errors = diagnostics.Where(d => d.Severity == LintSeverity.Error).Select(Line).ToList();
        var warnings = diagnostics.Where(d => d.Severity == LintSeverity.Warning).Select(Line).ToList();
        foreach (var warning in warnings) await console.Error.WriteLineAsync("warning: " + warning);
        if (errors.Count > 0 && !line.Has("ignore-lint-errors") && !line.Has("dry-run"))
        {
            foreach (var error in errors) await console.Error.WriteLineAsync("error: " + error);
            await console.Error.WriteLineAsync($"draftpad: {errors.Count} lint error(s) stop the export; fix them or pass --ignore-lint-errors.");
            return ExitCodes.Errors;
        }

        var statePath = line.Get("state") ?? (from == "-" ? null : from + ".export.json");
        var state = statePath is not null && File.Exists(statePath) ? ExportState.Read(statePath) : null;
        var request = new ExportRequest
        {
            Year = month.Year,
            Month = month.Month,
            ReleaseDate = releaseDate,
            Markdown = published,
            Images = ReadImages(line.Get("images")),
            Phase = ParsePhase(line.Get("phase")),
            LintWarnings = warnings,
            LastExportCommit = state?.Commit,
            Force = line.Has("force"),
        };

        var options = GitHubSettings.From(line, environment);
        try
        {
            if (line.Has("dry-run")) return await DryRunAsync(line, request, options, console);
            if (!OfflinePlan.HasCredentials(options))
            {
                throw new UsageException("No GitHub credentials: set DRAFTPAD_GITHUB_TOKEN (or the GitHub App variables), or use --dry-run.");
            }
            var exporter = new NewsletterExporter(new OctokitGitHubRepository(options), options);
            var result = await exporter.ExportAsync(request);
            if (result.Outcome == ExportOutcome.Conflict)
            {
                await console.Error.WriteLineAsync("draftpad: " + result.Conflict);
                return ExitCodes.Errors;
            }
            if (statePath is not null) ExportState.Write(statePath, new ExportState(result.Branch, result.Commit!, result.PullRequestUrl));
            await console.Out.WriteLineAsync($"{result.Outcome}: {result.Branch} at {result.Commit}, {result.PullRequestUrl}");
            return ExitCodes.Ok;
        }
        catch (GitHubExportException e)
        {
            await console.Error.WriteLineAsync("draftpad: GitHub: " + e.Message);
            return ExitCodes.Usage;
        }
        catch (ExportConflictException e)
        {
            await console.Error.WriteLineAsync("draftpad: " + e.Message);
            return ExitCodes.Errors;
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static async Task<int> DryRunAsync(CommandLine line, ExportRequest request, GitHubOptions options, CliConsole console)
    {
        ExportPlan plan;
        if (OfflinePlan.HasCredentials(options))
        {
            plan = await new NewsletterExporter(new OctokitGitHubRepository(options), options).PlanAsync(request);
        }
        else
        {
            plan = OfflinePlan.Create(request, options);
            await console.Error.WriteLineAsync("dry run without GitHub credentials: the diff is against an empty repository");
        }
        if (line.Get("out") is { } outDir) await ExportCommand.WriteFilesAsync(outDir, plan.Files.Select(f => (f.Path, f.Content)), console);
        await console.Out.WriteAsync(plan.Diff);
        await console.Error.WriteLineAsync($"dry run: branch {plan.Branch}, title \"{plan.Title}\"");
        return ExitCodes.Ok;
    }

    private static List<ExportImage> ReadImages(string? directory)
    {
        if (directory is null) return [];
        if (!Directory.Exists(directory)) throw new UsageException($"No such folder: {directory}");
        return Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal)
            .Select(f => new ExportImage(Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
    }

    private static ExportPhase ParsePhase(string? phase) => phase switch
    {
        null or "draft" => ExportPhase.Draft,
        "review" => ExportPhase.Review,
        "editorial-closing" => ExportPhase.EditorialClosing,
        _ => throw new UsageException($"Unknown --phase '{phase}': use draft, review or editorial-closing."),
    };
}

/// <summary>What <c>draftpad export --from</c> remembers between runs: the commit it last wrote.</summary>
internal sealed record ExportState(string Branch, string Commit, string? PullRequestUrl)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static ExportState Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ExportState>(File.ReadAllText(path), Json) ?? throw new IOException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new IOException($"{path} is not an export state file: {e.Message}");
        }
    }

    public static void Write(string path, ExportState state) => File.WriteAllText(path, JsonSerializer.Serialize(state, Json) + "\n", Encoding.UTF8);
}

/// <summary>GitHub settings of a file export: options on the command line, secrets from the environment only.</summary>
internal static class GitHubSettings
{
    public static GitHubOptions From(CommandLine line, Func<string, string?> environment)
    {
        var options = new GitHubOptions { Token = environment("DRAFTPAD_GITHUB_TOKEN") };
        if (line.Get("owner") is { } owner) options.Owner = owner;
        if (line.Get("repo") is { } repo) options.Repository = repo;
        if (line.Get("base") is { } baseBranch) options.BaseBranch = baseBranch;
        if (line.Get("branch") is { } branch) options.BranchTemplate = branch;
        if (line.Get("api-url") is { } api)
        {
            options.ApiBaseUrl = Uri.TryCreate(api, UriKind.Absolute, out var uri) ? uri : throw new UsageException($"--api-url '{api}' is not a URL.");
        }
        if (environment("DRAFTPAD_GITHUB_APP_ID") is { } appId && environment("DRAFTPAD_GITHUB_INSTALLATION_ID") is { } installation)
        {
            options.AppId = long.TryParse(appId, out var a) ? a : throw new UsageException("DRAFTPAD_GITHUB_APP_ID is not a number.");
            options.InstallationId = long.TryParse(installation, out var i) ? i : throw new UsageException("DRAFTPAD_GITHUB_INSTALLATION_ID is not a number.");
            var keyFile = environment("DRAFTPAD_GITHUB_APP_KEY_FILE") ?? throw new UsageException("DRAFTPAD_GITHUB_APP_KEY_FILE (the App's private key, PEM) is not set.");
            options.AppPrivateKeyPem = File.Exists(keyFile) ? File.ReadAllText(keyFile) : throw new UsageException($"No such key file: {keyFile}");
        }
        return options;
    }
}
