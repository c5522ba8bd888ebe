using DraftPad.Lint;

namespace DraftPad.Server.Pads;

/// <summary>New pads start from the linter's newsletter skeleton (current layout), so a fresh pad lints clean.</summary>
internal sealed class NewsletterPadTemplate : IPadTemplate
{
    public string CreateMarkdown(PadId id, DateOnly releaseDate) => NewsletterSkeleton.Create(id.Year, id.Month, releaseDate);
}
