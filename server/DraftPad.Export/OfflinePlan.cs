using DraftPad.Export.GitHub;
using DraftPad.Export.Rendering;

namespace DraftPad.Export;

/// <summary>
/// A dry run that needs no GitHub: the files of the issue and their diff against an empty
/// repository. Used when no credentials are configured, so a draft can be checked anywhere.
/// </summary>
public static class OfflinePlan
{
    /// <summary>Whether <paramref name="options"/> carry credentials (a token, or a complete GitHub App).</summary>
    public static bool HasCredentials(GitHubOptions options) => !string.IsNullOrWhiteSpace(options.Token) || options.UsesApp;

    /// <summary>The plan of <paramref name="request"/> with every file new.</summary>
    /// <exception cref="ArgumentException">The request is invalid (e.g. an image name).</exception>
    public static ExportPlan Create(ExportRequest request, GitHubOptions options)
    {
        var files = PostRenderer.Render(request);
        var diff = string.Concat(files.Select(f => ExportPlan.DiffOf(f, null)));
        return new ExportPlan(options.BranchFor(request.Year, request.Month), files, diff, PullRequestText.Title(request), PullRequestText.Body(request));
    }
}
