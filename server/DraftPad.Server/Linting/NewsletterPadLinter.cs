using DraftPad.Lint;
using DraftPad.Server.Pads;

namespace DraftPad.Server.Linting;

/// <summary><see cref="IPadLinter"/> over DraftPad.Lint's <see cref="NewsletterLinter"/>.</summary>
internal sealed class NewsletterPadLinter : IPadLinter
{
    private readonly NewsletterLinter _linter = NewsletterLinter.Default;

    public IReadOnlyList<PadDiagnostic> Lint(string markdown, PadId? id, DateOnly? releaseDate) =>
        _linter.Lint(markdown, Options(id, releaseDate)).Select(ToPad).ToList();

    public IReadOnlyList<PadTextEdit>? FixFor(string markdown, PadId? id, DateOnly? releaseDate, string ruleId, int offset)
    {
        // The finding the client saw: same rule, and its range starts at the offset it was shown at.
        var finding = _linter.Lint(markdown, Options(id, releaseDate))
            .FirstOrDefault(d => d.Fix is not null && d.RuleId == ruleId && d.Range.Offset == offset);
        return finding?.Fix!.Edits.Select(e => new PadTextEdit(e.Offset, e.Length, e.NewText)).ToList();
    }

    public string StripEditorNotes(string markdown) => EditorNotes.Strip(markdown);

    private static LintOptions Options(PadId? id, DateOnly? releaseDate) =>
        new() { Year = id?.Year, Month = id?.Month, ReleaseDate = releaseDate };

    private static PadDiagnostic ToPad(LintDiagnostic d) => new(
        d.RuleId,
        d.Severity switch { LintSeverity.Error => "error", LintSeverity.Warning => "warning", _ => "info" },
        d.Message, d.Range.Line, d.Range.Column, d.Range.Length, d.Range.Offset, d.Fix is not null);
}
