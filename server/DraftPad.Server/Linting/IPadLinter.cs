using DraftPad.Server.Pads;

namespace DraftPad.Server.Linting;

/// <summary>One finding, positioned for editors: 1-based line and column, offset and length in UTF-16 code units.</summary>
/// <param name="Id">Rule id, e.g. NL012.</param>
/// <param name="Severity">error, warning or info.</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Length">Length of the range.</param>
/// <param name="Offset">Offset of the range in the text.</param>
/// <param name="Fixable">Whether a safe autofix exists.</param>
public sealed record PadDiagnostic(string Id, string Severity, string Message, int Line, int Column, int Length, int Offset, bool Fixable);

/// <summary>A text edit: replace <paramref name="Length"/> code units at <paramref name="Offset"/> by <paramref name="NewText"/>.</summary>
/// <param name="Offset">Where.</param>
/// <param name="Length">How much to replace.</param>
/// <param name="NewText">Replacement.</param>
public sealed record PadTextEdit(int Offset, int Length, string NewText);

/// <summary>The newsletter linter as the server uses it (implemented with DraftPad.Lint).</summary>
public interface IPadLinter
{
    /// <summary>Findings for the text of <paramref name="id"/>'s issue released on <paramref name="releaseDate"/>.</summary>
    IReadOnlyList<PadDiagnostic> Lint(string markdown, PadId? id, DateOnly? releaseDate);

    /// <summary>The edits of the autofix of the finding of <paramref name="ruleId"/> at <paramref name="offset"/>, or null when there is none now.</summary>
    IReadOnlyList<PadTextEdit>? FixFor(string markdown, PadId? id, DateOnly? releaseDate, string ruleId, int offset);

    /// <summary>The text without editor-only notes (what gets published).</summary>
    string StripEditorNotes(string markdown);
}
