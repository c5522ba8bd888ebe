using System.Globalization;
using DraftPad.Server.Pads;

namespace DraftPad.Server.Linting;

/// <summary>Live linting registration and <c>POST /api/lint</c>.</summary>
public static class LintEndpoints
{
    /// <summary>Adds the live lint service, its options and the linter.</summary>
    public static IServiceCollection AddPadLinting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LintingOptions>().Bind(configuration.GetSection(LintingOptions.Section));
        services.AddSingleton<IPadLinter, NewsletterPadLinter>();
        services.AddSingleton<Export.IDraftChecker, LintDraftChecker>();
        services.AddSingleton<LiveLintService>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveLintService>());
        return services;
    }

    /// <summary>
    /// Maps <c>POST /api/lint</c>: markdown in (the body, any text type), diagnostics out. Query:
    /// <c>month=YYYY-MM</c> and <c>releaseDate=YYYY-MM-DD</c> when the text has no front matter.
    /// </summary>
    public static IEndpointRouteBuilder MapLint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/lint", async (HttpRequest request, IPadLinter linter, string? month, string? releaseDate) =>
        {
            PadId? id = null;
            if (month is not null)
            {
                if (!PadId.TryParse(month, out var parsed)) return PadEndpoints.Problem(400, "Bad month", $"Unknown month '{month}': {PadId.FormatError}");
                id = parsed;
            }
            DateOnly? release = null;
            if (releaseDate is not null)
            {
                if (!DateOnly.TryParseExact(releaseDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return PadEndpoints.Problem(400, "Bad date", $"'{releaseDate}' is not a date written YYYY-MM-DD.");
                }
                release = date;
            }
            using var reader = new StreamReader(request.Body);
            var markdown = await reader.ReadToEndAsync();
            return Results.Ok(new DiagnosticsDocument(null, linter.Lint(markdown, id, release)));
        })
        .WithTags("Lint")
        .WithSummary("Lints newsletter markdown (the request body).")
        .Accepts<string>("text/markdown")
        .Produces<DiagnosticsDocument>();
        return endpoints;
    }
}

/// <summary>The export gate, from the same linter.</summary>
internal sealed class LintDraftChecker(IPadLinter linter) : Export.IDraftChecker
{
    public Export.DraftCheck Check(string markdown, PadId id, DateOnly releaseDate)
    {
        // The verdict is on what gets published: editor notes are stripped first, so they neither
        // stop the export nor clutter the pull request's list of warnings.
        var published = linter.StripEditorNotes(markdown);
        var diagnostics = linter.Lint(published, id, releaseDate);
        string Line(PadDiagnostic d) => $"{d.Id} line {d.Line}: {d.Message}";
        return new Export.DraftCheck(
            published,
            diagnostics.Where(d => d.Severity == "error").Select(Line).ToList(),
            diagnostics.Where(d => d.Severity == "warning").Select(Line).ToList());
    }
}
