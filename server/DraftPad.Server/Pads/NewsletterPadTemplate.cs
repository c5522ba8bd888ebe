namespace DraftPad.Server.Pads;

internal sealed class NewsletterPadTemplate : IPadTemplate
{
    public string CreateMarkdown(PadId id, DateOnly releaseDate) => "TEMP " + id;
}
