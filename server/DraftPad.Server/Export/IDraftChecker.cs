using DraftPad.Server.Pads;

namespace DraftPad.Server.Export;

/// <summary>The linter's verdict on a pad's text before export.</summary>
/// <param name="ExportMarkdown">The text to publish: editor-only notes removed.</param>
/// <param name="Errors">Errors (one line each: "NL012 line 40: ..."); they stop an export unless a maintainer overrides.</param>
/// <param name="Warnings">Warnings, listed in the pull request body.</param>
public sealed record DraftCheck(string ExportMarkdown, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

/// <summary>Checks a draft and prepares its text for export (implemented with DraftPad.Lint).</summary>
public interface IDraftChecker
{
    /// <summary>Lints <paramref name="markdown"/> as the issue of <paramref name="id"/> released on <paramref name="releaseDate"/>.</summary>
    DraftCheck Check(string markdown, PadId id, DateOnly releaseDate);
}
