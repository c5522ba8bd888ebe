using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DraftPad.Lint.Tests.Mutation;

/// <summary>An ATX heading of a text to mutate: where it is and what it says.</summary>
internal sealed record MHeading(int Offset, int LineEnd, int Level, int TextOffset, string Name)
{
    public int Length => LineEnd - Offset;
}

/// <summary>A simple inline link <c>[label](url)</c>: offsets of the whole link, its label and its url.</summary>
internal sealed record MLink(int Offset, int Length, int LabelOffset, string Label, int UrlOffset, string Url);

/// <summary>A one-line shortcode <c>{{&lt; name params &gt;}}</c>.</summary>
internal sealed record MShortcode(int Offset, int Length, string Name, int NameOffset);

/// <summary>
/// The test's own view of a newsletter text, to pick what to damage: headings, section blocks, links,
/// shortcodes and block starts. Parsed with Markdig directly (not through the linter), so the mutations do
/// not depend on the analysis under test.
/// </summary>
internal sealed partial class MutationDoc
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().UseYamlFrontMatter().Build();

    [GeneratedRegex(@"^\[(?<label>[^\[\]\n]*)\]\((?<url>[^()\s]*)\)$")]
    private static partial Regex SimpleLink();

    [GeneratedRegex(@"\{\{<\s*(?<name>[A-Za-z][\w-]*)[^\n{}]*?>\}\}")]
    private static partial Regex OneLineShortcode();

    [GeneratedRegex(@"^(?:no|none)\b.{0,80}\bthis month\s*[.!]?$", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceholderSentence();

    public MutationDoc(string text)
    {
        Text = text;
        Document = Markdown.Parse(text, Pipeline);
        BodyStart = Document.Count > 0 && Document[0] is YamlFrontMatterBlock fm ? NextLineStart(fm.Span.End) : 0;
        foreach (var block in Document)
        {
            if (block is HeadingBlock { IsSetext: false } hb) Headings.Add(ReadHeading(hb));
        }
        foreach (var link in Document.Descendants<LinkInline>())
        {
            if (link.IsImage || link.IsAutoLink || link.Span.IsEmpty) continue;
            var source = text.Substring(link.Span.Start, link.Span.Length);
            var m = SimpleLink().Match(source);
            if (!m.Success || source.Contains("{{", StringComparison.Ordinal)) continue;
            Links.Add(new MLink(link.Span.Start, source.Length, link.Span.Start + m.Groups["label"].Index, m.Groups["label"].Value,
                link.Span.Start + m.Groups["url"].Index, m.Groups["url"].Value));
        }
        foreach (Match m in OneLineShortcode().Matches(text, BodyStart))
        {
            Shortcodes.Add(new MShortcode(m.Index, m.Length, m.Groups["name"].Value, m.Groups["name"].Index));
        }
    }

    public string Text { get; }

    public MarkdownDocument Document { get; }

    public int BodyStart { get; }

    public List<MHeading> Headings { get; } = [];

    public List<MLink> Links { get; } = [];

    public List<MShortcode> Shortcodes { get; } = [];

    public int LineStart(int offset) => offset <= 0 ? 0 : Text.LastIndexOf('\n', Math.Min(offset, Text.Length) - 1) + 1;

    /// <summary>End of the line holding <paramref name="offset"/>, before its line break.</summary>
    public int LineEnd(int offset)
    {
        var i = Text.IndexOf('\n', Math.Min(offset, Text.Length));
        var end = i < 0 ? Text.Length : i;
        return end > 0 && end > offset && Text[end - 1] == '\r' ? end - 1 : end;
    }

    public int NextLineStart(int offset)
    {
        var i = Text.IndexOf('\n', Math.Min(offset, Text.Length));
        return i < 0 ? Text.Length : i + 1;
    }

    /// <summary>Where the block of <paramref name="h"/> ends: the line start of the next heading of the same or a higher rank, or the text's end.</summary>
    public int BlockEnd(MHeading h)
    {
        var i = Headings.IndexOf(h);
        for (var j = i + 1; j < Headings.Count; j++)
        {
            if (Headings[j].Level <= h.Level) return LineStart(Headings[j].Offset);
        }
        return Text.Length;
    }

    public IEnumerable<MHeading> Sections => Headings.Where(h => h.Level == 2);

    public MHeading? Extensions => Sections.FirstOrDefault(h => string.Equals(h.Name, "Extensions and specifications", StringComparison.OrdinalIgnoreCase));

    /// <summary>The <c>###</c> headings below <paramref name="section"/>.</summary>
    public List<MHeading> SubsectionsOf(MHeading section)
    {
        var end = BlockEnd(section);
        return [.. Headings.Where(h => h.Level == 3 && h.Offset > section.Offset && h.Offset < end)];
    }

    /// <summary>Root blocks (not the front matter) whose span starts in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IEnumerable<Block> RootBlocks(int from, int to) =>
        Document.Where(b => b is not YamlFrontMatterBlock && b.Span.Start >= from && b.Span.Start < to);

    /// <summary>Line starts of root blocks of the body (where a new block can be inserted).</summary>
    public List<int> BlockStarts() =>
        [.. RootBlocks(BodyStart, Text.Length).Select(b => LineStart(b.Span.Start)).Where(s => s >= BodyStart).Distinct()];

    /// <summary>Line ends of paragraph lines (not headings, shortcodes or code spans) of the body.</summary>
    public List<int> ParagraphLineEnds()
    {
        var ends = new List<int>();
        foreach (var p in Document.Descendants<ParagraphBlock>())
        {
            if (p.Span.Start < BodyStart) continue;
            var pos = LineStart(p.Span.Start);
            while (pos <= p.Span.End && pos < Text.Length)
            {
                var end = LineEnd(pos);
                var line = Text[pos..end];
                if (line.Trim().Length > 0 && !line.Contains('`') && !line.Contains("{{", StringComparison.Ordinal) && !line.Contains("}}", StringComparison.Ordinal)
                    && !line.TrimStart().StartsWith('#'))
                {
                    ends.Add(end);
                }
                pos = NextLineStart(pos);
            }
        }
        return ends;
    }

    public static bool IsPlaceholder(string sentence) => sentence.Length < 120 && PlaceholderSentence().IsMatch(sentence);

    /// <summary>Entries and placeholders (offset of the whole block or item, its text) of an Extensions subsection.</summary>
    public (int Entries, List<(int Offset, int TextOffset, string Text, bool IsItem)> Placeholders) Classify(MHeading subsection)
    {
        var entries = 0;
        var placeholders = new List<(int, int, string, bool)>();
        foreach (var block in RootBlocks(subsection.LineEnd, BlockEnd(subsection)))
        {
            switch (block)
            {
                case ListBlock list:
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var body = item.Count > 0 ? item[0] : item;
                        var text = Collapse(Text.Substring(body.Span.Start, body.Span.Length));
                        if (item.Count <= 1 && IsPlaceholder(text)) placeholders.Add((item.Span.Start, body.Span.Start, text, true));
                        else entries++;
                    }
                    break;
                case ParagraphBlock p:
                    var ptext = Collapse(Text.Substring(p.Span.Start, p.Span.Length));
                    if (IsPlaceholder(ptext)) placeholders.Add((p.Span.Start, p.Span.Start, ptext, false));
                    else if (!Layout.IsStandardIntro(ptext) && !ptext.StartsWith("{{", StringComparison.Ordinal)) entries++;
                    break;
                case HtmlBlock:
                    break;
                default:
                    entries++;
                    break;
            }
        }
        return (entries, placeholders);
    }

    private static string Collapse(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var part in s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(part);
        }
        return sb.ToString();
    }

    private MHeading ReadHeading(HeadingBlock hb)
    {
        var start = hb.Span.Start;
        var end = LineEnd(start);
        var pos = start;
        while (pos < end && Text[pos] == '#') pos++;
        var textStart = pos;
        while (textStart < end && Text[textStart] is ' ' or '\t') textStart++;
        return new MHeading(start, end, hb.Level, textStart, Text[textStart..end].TrimEnd());
    }
}
