using DraftPad.Server.Pads;

namespace DraftPad.Server.Linting;

// TEMP until DraftPad.Lint lands (not committed).
internal sealed class NewsletterPadLinter : IPadLinter
{
    public IReadOnlyList<PadDiagnostic> Lint(string markdown, PadId? id, DateOnly? releaseDate) => [];
    public IReadOnlyList<PadTextEdit>? FixFor(string markdown, PadId? id, DateOnly? releaseDate, string ruleId, int offset) => null;
    public string StripEditorNotes(string markdown) => markdown;
}
