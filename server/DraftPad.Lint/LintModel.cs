namespace DraftPad.Lint;

/// <summary>How serious a finding is.</summary>
public enum LintSeverity
{
    /// <summary>A defect of the published post: it must be fixed before export.</summary>
    Error,

    /// <summary>Very likely a mistake, or something to remove before export (editor notes).</summary>
    Warning,

    /// <summary>Worth a look; often deliberate.</summary>
    Info,
}

/// <summary>
/// A range of the linted text. <paramref name="Offset"/> and <paramref name="Length"/> count UTF-16 code units
/// from the start of the input; <paramref name="Line"/> and <paramref name="Column"/> are 1-based, the column
/// counting UTF-16 code units from the start of the line (a tab counts as one).
/// </summary>
/// <param name="Offset">0-based offset of the first code unit.</param>
/// <param name="Length">Number of code units (0 for a position).</param>
/// <param name="Line">1-based line of <paramref name="Offset"/>.</param>
/// <param name="Column">1-based column of <paramref name="Offset"/>.</param>
public readonly record struct SourceRange(int Offset, int Length, int Line, int Column);

/// <summary>Replace <paramref name="Length"/> code units at <paramref name="Offset"/> by <paramref name="NewText"/> (an insertion when the length is 0).</summary>
/// <param name="Offset">0-based offset in the text the edit was computed for.</param>
/// <param name="Length">Number of code units replaced.</param>
/// <param name="NewText">Replacement text.</param>
public sealed record TextEdit(int Offset, int Length, string NewText);

/// <summary>A safe autofix: edits that resolve one finding, all against the same text.</summary>
/// <param name="Title">What the fix does, for a button or menu ("Add the missing space").</param>
/// <param name="Edits">Non-overlapping edits.</param>
public sealed record LintFix(string Title, IReadOnlyList<TextEdit> Edits);

/// <summary>One finding of one rule.</summary>
/// <param name="RuleId">Stable id of the rule, e.g. NL010.</param>
/// <param name="Severity">The rule's severity.</param>
/// <param name="Message">One line: what is wrong and what to do.</param>
/// <param name="Range">Where.</param>
/// <param name="Fix">The safe autofix, when the fix is certain; otherwise null.</param>
public sealed record LintDiagnostic(string RuleId, LintSeverity Severity, string Message, SourceRange Range, LintFix? Fix = null);

/// <summary>
/// What the text is known to be, outside of the text itself: the covered month of the pad and its planned
/// release date. Both are optional.
/// </summary>
/// <remarks>
/// Resolution (see docs/lint-rules.md): the covered month is <see cref="Year"/>/<see cref="Month"/> when both
/// are set (the pad knows its month; the front matter title is then checked against it), otherwise the month(s)
/// the front matter title names, otherwise the month the welcome sentence names, otherwise the month before the
/// release date. The release date is <see cref="ReleaseDate"/> when set (the planned date, which also names the
/// image folder), otherwise the front matter <c>date</c>, otherwise the 5th of the month after the covered month.
/// </remarks>
public sealed record LintOptions
{
    /// <summary>Year of the covered month.</summary>
    public int? Year { get; init; }

    /// <summary>Covered month, 1 to 12 (for an issue covering two months: the later one).</summary>
    public int? Month { get; init; }

    /// <summary>Planned release date: the date of the post's file name and of its image folder.</summary>
    public DateOnly? ReleaseDate { get; init; }
}
