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

    /// <summary>The commit the last export wrote (<c>meta.export.commit</c>), or null.</summary>
    public static string? GetLastExportCommit(YDoc doc) =>
        doc.GetMap(MetaRoot).Get("export") is Dictionary<string, object?> export && export.TryGetValue("commit", out var commit) ? commit as string : null;

    /// <summary>The last export as recorded, or null.</summary>
    public static Export.LastExport? GetLastExport(YDoc doc)
    {
        if (doc.GetMap(MetaRoot).Get("export") is not Dictionary<string, object?> e) return null;
        string? S(string key) => e.TryGetValue(key, out var v) ? v as string : null;
        int? N(string key) => e.TryGetValue(key, out var v) && v is double d ? (int)d : null;
        return S("commit") is { } commit
            ? new Export.LastExport(S("outcome") ?? "", S("branch") ?? "", commit, N("pullRequestNumber"), S("pullRequestUrl"), S("at") ?? "", S("by") ?? "")
            : null;
    }

    /// <summary>Records an export (inside the caller's transaction).</summary>
    public static void SetLastExport(YDoc doc, Export.LastExport export) =>
        doc.GetMap(MetaRoot).Set("export", new Dictionary<string, object?>
        {
            ["outcome"] = export.Outcome,
            ["branch"] = export.Branch,
            ["commit"] = export.Commit,
            ["pullRequestNumber"] = export.PullRequestNumber is { } n ? (double)n : null,
            ["pullRequestUrl"] = export.PullRequestUrl,
            ["at"] = export.At,
            ["by"] = export.By,
        });

    /// <summary>Parses a status name as the API spells it.</summary>
    public static bool TryParseStatus(string? text, out PadStatus status) =>
        Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(text, out _);
}
