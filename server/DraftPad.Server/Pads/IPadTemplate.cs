namespace DraftPad.Server.Pads;

/// <summary>The markdown a new month's pad starts with.</summary>
public interface IPadTemplate
{
    /// <summary>The starting text for <paramref name="id"/> with its planned <paramref name="releaseDate"/>.</summary>
    string CreateMarkdown(PadId id, DateOnly releaseDate);
}
