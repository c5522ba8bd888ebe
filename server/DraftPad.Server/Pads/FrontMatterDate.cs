using System.Globalization;
using System.Text.RegularExpressions;

namespace DraftPad.Server.Pads;

/// <summary>
/// The <c>date:</c> line of a pad's front matter, which the skeleton fills with the planned release
/// date: when a maintainer moves the release date, the line follows, unless someone wrote another
/// date there on purpose.
/// </summary>
internal static partial class FrontMatterDate
{
    /// <summary>
    /// The edit (offset, length, replacement) that turns <c>date: <paramref name="from"/></c> in the
    /// front matter of <paramref name="markdown"/> into <paramref name="to"/>; null when the text has no
    /// front matter or its date is not <paramref name="from"/>.
    /// </summary>
    public static (int Offset, int Length, string Text)? Move(string markdown, DateOnly from, DateOnly to)
    {
        if (!markdown.StartsWith("---\n", StringComparison.Ordinal) && !markdown.StartsWith("---\r\n", StringComparison.Ordinal)) return null;
        var end = markdown.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (end < 0) return null;
        var match = DateLine().Match(markdown[..end]);
        if (!match.Success) return null;
        var value = match.Groups["value"];
        var old = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (!value.Value.StartsWith(old, StringComparison.Ordinal)) return null;
        return (value.Index, old.Length, to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^date:[ \t]*""?(?<value>\d{4}-\d{2}-\d{2})", RegexOptions.Multiline)]
    private static partial Regex DateLine();
}
