using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DraftPad.Lint.Analysis;

/// <summary>One <c>key: value</c> of the front matter, with offsets in the whole text.</summary>
internal sealed record FrontMatterEntry(string Key, int KeyOffset, int KeyLength, YamlNode Value, int ValueOffset, int ValueLength)
{
    public string? Scalar => (Value as YamlScalarNode)?.Value;
}

/// <summary>The YAML front matter: where it is, and its entries parsed with YamlDotNet.</summary>
internal sealed class FrontMatter
{
    /// <summary>Offset of the opening <c>---</c>.</summary>
    public int Offset { get; init; }

    /// <summary>Length up to the end of the closing delimiter line (without its line break).</summary>
    public int Length { get; init; }

    /// <summary>Offset of the YAML content (after the opening line).</summary>
    public int ContentOffset { get; init; }

    /// <summary>Parse error: message and offset, or null.</summary>
    public (string Message, int Offset)? Error { get; init; }

    /// <summary>Whether the content is not a mapping (but valid YAML).</summary>
    public bool NotAMapping { get; init; }

    public IReadOnlyList<FrontMatterEntry> Entries { get; init; } = [];

    public FrontMatterEntry? this[string key] => Entries.FirstOrDefault(e => e.Key == key);

    /// <summary>Reads the front matter block starting at offset 0 spanning <paramref name="length"/> characters (from Markdig).</summary>
    public static FrontMatter Read(string text, int length)
    {
        var firstLineEnd = text.IndexOf('\n', 0, Math.Min(length, text.Length));
        var contentOffset = firstLineEnd < 0 ? length : firstLineEnd + 1;
        // The closing delimiter is the last line of the block.
        var lastLineStart = text.LastIndexOf('\n', Math.Max(0, length - 1)) + 1;
        if (lastLineStart < contentOffset) lastLineStart = contentOffset;
        var yaml = text[contentOffset..lastLineStart];
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0)
            {
                return new FrontMatter { Offset = 0, Length = length, ContentOffset = contentOffset, NotAMapping = true };
            }
            if (stream.Documents[0].RootNode is not YamlMappingNode map)
            {
                return new FrontMatter { Offset = 0, Length = length, ContentOffset = contentOffset, NotAMapping = true };
            }
            var entries = new List<FrontMatterEntry>();
            foreach (var (k, v) in map.Children)
            {
                var key = (k as YamlScalarNode)?.Value ?? "";
                var ks = contentOffset + (int)k.Start.Index;
                var ke = contentOffset + (int)k.End.Index;
                var vs = contentOffset + (int)v.Start.Index;
                var ve = contentOffset + (int)v.End.Index;
                if (ve <= vs || v is not YamlScalarNode)
                {
                    // Collections: to the end of the line where they start (flow style) or of the block.
                    var lineEnd = text.IndexOf('\n', vs);
                    ve = Math.Max(ve, lineEnd < 0 ? text.Length : lineEnd);
                }
                // Trim a value's range to its line content (block nodes end at the next line).
                while (ve > vs && (text[ve - 1] == '\n' || text[ve - 1] == '\r' || text[ve - 1] == ' ')) ve--;
                entries.Add(new FrontMatterEntry(key, ks, Math.Max(0, ke - ks), v, vs, ve - vs));
            }
            return new FrontMatter { Offset = 0, Length = length, ContentOffset = contentOffset, Entries = entries };
        }
        catch (YamlException e)
        {
            var at = contentOffset + (int)Math.Clamp(e.Start.Index, 0, yaml.Length);
            return new FrontMatter { Offset = 0, Length = length, ContentOffset = contentOffset, Error = (OneLine(e.Message), at) };
        }
    }

    private static string OneLine(string message)
    {
        var m = message.Replace('\r', ' ').Replace('\n', ' ');
        // YamlDotNet prefixes "(Line: 1, Col: 2, Idx: 3) - (Line...): ".
        var i = m.LastIndexOf("): ", StringComparison.Ordinal);
        return i >= 0 && m.StartsWith('(') ? m[(i + 3)..] : m;
    }

    /// <summary>Parses a front matter date: <c>YYYY-MM-DD</c>, optionally followed by a time (RFC 3339).</summary>
    public static DateOnly? ParseDate(string? value)
    {
        if (value is null) return null;
        var v = value.Trim();
        if (v.Length < 10) return null;
        if (!DateOnly.TryParseExact(v.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return null;
        if (v.Length == 10) return date;
        return DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) ? date : null;
    }
}
