using DraftPad.Export;
using DraftPad.Export.GitHub;
using DraftPad.Server.Access;
using DraftPad.Server.Pads;
using Microsoft.Extensions.Options;

namespace DraftPad.Server.Export;

/// <summary>Exports a pad to the site repository (<c>/api/pads/{id}/export</c>).</summary>
public static class ExportEndpoints
{
    /// <summary>Binds <c>Export:GitHub</c> and registers the exporter.</summary>
    public static IServiceCollection AddPadExport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GitHubOptions>().Bind(configuration.GetSection("Export:GitHub"))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Owner) && !string.IsNullOrWhiteSpace(o.Repository) && !string.IsNullOrWhiteSpace(o.BaseBranch),
                "Export:GitHub needs Owner, Repository and BaseBranch.")
            .Validate(o => o.BranchTemplate.Contains("{month}", StringComparison.Ordinal), "Export:GitHub:BranchTemplate must contain {month}.")
            .ValidateOnStart();
        services.AddSingleton<IGitHubRepository>(sp => new OctokitGitHubRepository(sp.GetRequiredService<IOptions<GitHubOptions>>().Value));
        services.AddSingleton(sp => new NewsletterExporter(sp.GetRequiredService<IGitHubRepository>(), sp.GetRequiredService<IOptions<GitHubOptions>>().Value));
        services.AddSingleton<PadExportService>();
        return services;
    }

    /// <summary>Maps <c>POST /api/pads/{id}/export</c> and <c>GET /api/pads/{id}/export</c> (the last export).</summary>
    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/pads/{id}/export").WithTags("Export");

        group.MapPost("/", (string id, ExportPadRequest? body, HttpContext http, PadManager pads, PadExportService export, PadUserResolver users) =>
            PadEndpoints.WithPad(id, pads, async pad =>
                Results.Ok(await export.ExportAsync(pad, users.Resolve(http.User), body ?? new ExportPadRequest(), http.RequestAborted))))
            .WithSummary("Exports the pad as the month's pull request (maintainers and bots); dryRun returns the files and the diff.")
            .Produces<ExportPadResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status502BadGateway);

        group.MapGet("/", (string id, PadManager pads) => PadEndpoints.WithPad(id, pads, async pad =>
            await pads.ReadAsync(pad, p => PadMeta.GetLastExport(p.Doc)) is { } last
                ? Results.Ok(last)
                : PadEndpoints.Problem(404, "Not exported", $"Pad {pad.Id} has not been exported yet.")))
            .WithSummary("The pad's last export: pull request, commit, time.")
            .Produces<LastExport>();
        return endpoints;
    }
}
