using System.Globalization;
using DraftPad.Crdt;

namespace DraftPad.Server.Pads;

/// <summary>A pad's lifecycle: open for contributions, closed (maintainers only), exported (a pull request exists).</summary>
public enum PadStatus
{
    /// <summary>Anyone allowed to edit may edit.</summary>
    Open,

    /// <summary>Read-only except to maintainers: the month is over and the text is being finished.</summary>
    Closed,

    /// <summary>Exported to the site repository; read-only except to maintainers.</summary>
    Exported,
}

/// <summary>
/// Reads and writes the pad's metadata, kept in the document's Y.Map <c>meta</c> so that every
/// client sees it live: <c>status</c> ("open" | "closed" | "exported") and <c>releaseDate</c> (YYYY-MM-DD).
/// </summary>
public static class PadMeta
{
    /// <summary>Name of the Y.Text holding the markdown.</summary>
    public const string ContentRoot = "content";

    /// <summary>Name of the Y.Map holding the metadata.</summary>
    public const string MetaRoot = "meta";

    /// <summary>The status; a value that is not a known status reads as closed (the safe side).</summary>
    public static PadStatus GetStatus(YDoc doc) => doc.GetMap(MetaRoot).Get("status") switch
    {
        "open" => PadStatus.Open,
        "exported" => PadStatus.Exported,
        _ => PadStatus.Closed,
    };

    /// <summary>The planned release date, or the month's default when unset or unreadable.</summary>
    public static DateOnly GetReleaseDate(YDoc doc, PadId id) =>
        doc.GetMap(MetaRoot).Get("releaseDate") is string s
        && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : id.DefaultReleaseDate;

    /// <summary>Writes the status (inside the caller's transaction).</summary>
    public static void SetStatus(YDoc doc, PadStatus status) =>
        doc.GetMap(MetaRoot).Set("status", status.ToString().ToLowerInvariant());

    /// <summary>Writes the release date (inside the caller's transaction).</summary>
    public static void SetReleaseDate(YDoc doc, DateOnly date) =>
        doc.GetMap(MetaRoot).Set("releaseDate", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>Parses a status name as the API spells it.</summary>
    public static bool TryParseStatus(string? text, out PadStatus status) =>
        Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(text, out _);
}
