using DraftPad.Lint.Analysis;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DraftPad.Lint;

/// <summary>
/// One text being linted: parsed once (Markdig with precise source locations, the front matter with YamlDotNet)
/// and analysed once (headings and sections, links, shortcodes, editor notes, covered month and release date);
/// every rule reads the same context.
/// </summary>
public sealed class LintContext
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePreciseSourceLocation()
        .UseYamlFrontMatter()
        .Build();

    private readonly List<LintDiagnostic> _sink;
    private readonly LineMap _lines;

    internal LintContext(string text, LintOptions options, List<LintDiagnostic> sink)
    {
        Text = text;
        Options = options;
        _sink = sink;
        _lines = new LineMap(text);
        Document = Markdown.Parse(text, Pipeline);
        Root = [.. Document];
        if (Root.Count > 0 && Root[0] is YamlFrontMatterBlock fm && fm.Span.Start == 0)
        {
            FrontMatter = FrontMatter.Read(text, Math.Min(text.Length, fm.Span.End + 1));
            BodyStart = Math.Min(text.Length, fm.Span.End + 1);
        }
        CollectBlocks();
        Headings = BuildOutline();
        Shortcodes = ShortcodeScanner.Scan(text, BodyStart, CodeRanges);
        (Comments, TodoLines) = EditorNoteScanner.Scan(text, BodyStart, CodeRanges, _lines);
        ResolveIssue();
    }

    /// <summary>The text being linted.</summary>
    public string Text { get; }

    /// <summary>The Markdig document of <see cref="Text"/> (precise source locations).</summary>
    public MarkdownDocument Document { get; }

    /// <summary>The options the text is linted with.</summary>
    public LintOptions Options { get; }

    /// <summary>The covered month(s), first day of each (two for a combined issue); empty when unknown.</summary>
    public IReadOnlyList<DateOnly> CoveredMonths { get; private set; } = [];

    /// <summary>The release date the text is checked against (see <see cref="LintOptions"/>), or null when unknown.</summary>
    public DateOnly? ReleaseDate { get; private set; }

    /// <summary>Whether the current layout (releases from 2024-06 on) applies: the release date is 2024-06-01 or later, or unknown.</summary>
    public bool IsCurrentLayout => ReleaseDate is not DateOnly r || r >= NewsletterLayout.CurrentLayoutFrom;

    /// <summary>The range of <paramref name="length"/> code units at <paramref name="offset"/>, with its line and column.</summary>
    public SourceRange GetRange(int offset, int length) => _lines.Range(offset, length);

    /// <summary>Reports a finding of <paramref name="rule"/> at the given range.</summary>
    public void Report(ILintRule rule, int offset, int length, string message, LintFix? fix = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _sink.Add(new LintDiagnostic(rule.Id, rule.Severity, message, GetRange(offset, length), fix));
    }

    // ---- analysis shared by the built-in rules ----

    internal LineMap Lines => _lines;

    /// <summary>The document's root blocks.</summary>
    internal List<Block> Root { get; }

    internal FrontMatter? FrontMatter { get; }

    /// <summary>Offset where the body starts (after the front matter).</summary>
    internal int BodyStart { get; }

    internal List<HeadingInfo> Headings { get; }

    internal List<LinkInfo> Links { get; } = [];

    /// <summary>Code blocks and code spans, sorted by offset (start, end exclusive).</summary>
    internal List<(int Start, int End)> CodeRanges { get; } = [];

    internal List<Shortcode> Shortcodes { get; }

    internal List<EditorComment> Comments { get; }

    internal List<(int Offset, int Length)> TodoLines { get; }

    /// <summary>Months the front matter title names, or null when it is not of the form "The XMPP Newsletter &lt;period&gt;".</summary>
    internal List<DateOnly>? TitleMonths { get; private set; }

    /// <summary>The welcome sentence's period: months, offset and length of the period text; null when absent.</summary>
    internal (List<DateOnly>? Months, int Offset, int Length)? Welcome { get; private set; }

    /// <summary>The front matter date, when it parses.</summary>
    internal DateOnly? FrontMatterDate { get; private set; }

    /// <summary>Whether the covered month came from the options.</summary>
    internal bool CoveredFromOptions { get; private set; }

    internal bool IsInCode(int offset)
    {
        foreach (var (s, e) in CodeRanges)
        {
            if (s > offset) break;
            if (offset < e) return true;
        }
        return false;
    }

    /// <summary>The source of a block, whitespace collapsed and trimmed.</summary>
    internal string Collapsed(int start, int end)
    {
        start = Math.Clamp(start, 0, Text.Length);
        end = Math.Clamp(end, start, Text.Length);
        var sb = new System.Text.StringBuilder(end - start);
        var space = false;
        for (var i = start; i < end; i++)
        {
            var c = Text[i];
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    internal static int End(MarkdownObject o) => o.Span.End + 1;

    /// <summary>Content blocks (root indices) of a heading: from after it to <see cref="HeadingInfo.ContentEnd"/>.</summary>
    internal IEnumerable<Block> ContentOf(HeadingInfo h)
    {
        for (var i = h.RootIndex + 1; i < h.ContentEnd && i < Root.Count; i++) yield return Root[i];
    }

    /// <summary>The section heading (effective level 2 or 1) a root block belongs to, or null before the first.</summary>
    internal HeadingInfo? SectionOfRoot(int rootIndex)
    {
        HeadingInfo? found = null;
        foreach (var h in Headings)
        {
            if (h.RootIndex > rootIndex) break;
            if (h.EffectiveLevel <= 2) found = h;
        }
        return found;
    }

    private void CollectBlocks()
    {
        for (var i = 0; i < Root.Count; i++) Walk(Root[i], i, null);
        CodeRanges.Sort((a, b) => a.Start.CompareTo(b.Start));
    }

    private void Walk(Block block, int rootIndex, ListItemBlock? item)
    {
        switch (block)
        {
            case YamlFrontMatterBlock:
                return;
            case CodeBlock code:
                CodeRanges.Add((code.Span.Start, End(code)));
                return;
            case ListItemBlock li:
                foreach (var child in li) Walk(child, rootIndex, li);
                return;
            case ContainerBlock container:
                foreach (var child in container) Walk(child, rootIndex, item);
                return;
            case LeafBlock leaf when leaf.Inline is not null:
                var firstInItem = item is not null && item.Count > 0 && ReferenceEquals(item[0], leaf);
                var first = true;
                foreach (var inline in leaf.Inline.Descendants())
                {
                    if (inline is CodeInline ci)
                    {
                        CodeRanges.Add((ci.Span.Start, End(ci)));
                    }
                    else if (inline is LinkInline link)
                    {
                        Links.Add(new LinkInfo(this, link, rootIndex, item, firstInItem && first));
                        first = false;
                    }
                }
                return;
        }
    }

    private List<HeadingInfo> BuildOutline()
    {
        var list = new List<HeadingInfo>();
        for (var i = 0; i < Root.Count; i++)
        {
            if (Root[i] is HeadingBlock hb) list.Add(FromHeading(hb, i));
            else if (Root[i] is ParagraphBlock p) AddMissingSpace(p, i, list);
            else if (Root[i] is ListBlock or QuoteBlock)
            {
                // "- entry\n##XMPP Articles": the line continues the entry's paragraph (a lazy continuation line).
                foreach (var nested in ((ContainerBlock)Root[i]).Descendants<ParagraphBlock>()) AddMissingSpace(nested, i, list, lazyOnly: true);
            }
        }
        // Effective levels and parents.
        HeadingInfo? section = null;
        foreach (var h in list)
        {
            var def = NewsletterLayout.FindSection(h.Text);
            if (def is not null && (h.Level <= 2 || NewsletterLayout.IsStrictSectionName(h.Text)))
            {
                h.EffectiveLevel = 2;
                h.Section = def;
            }
            else if (h.Level is 2 or 3 && section?.Section is SectionDef parentDef
                && parentDef.Subsections.Any(s => string.Equals(s, h.Text, StringComparison.OrdinalIgnoreCase)))
            {
                h.EffectiveLevel = 3;
                h.IsKnownSubsection = true;
            }
            else
            {
                h.EffectiveLevel = h.Level;
            }
            if (h.EffectiveLevel <= 2)
            {
                section = h;
            }
            else
            {
                h.Parent = section;
            }
        }
        for (var k = 0; k < list.Count; k++)
        {
            var end = Root.Count;
            for (var j = k + 1; j < list.Count; j++)
            {
                if (list[j].EffectiveLevel <= Math.Max(2, list[k].EffectiveLevel))
                {
                    end = list[j].RootIndex;
                    break;
                }
            }
            list[k].ContentEnd = end;
        }
        return list;
    }

    private HeadingInfo FromHeading(HeadingBlock hb, int rootIndex)
    {
        var start = hb.Span.Start;
        var line = _lines.LineIndexOf(start);
        var lineEnd = _lines.LineEnd(line);
        if (hb.IsSetext)
        {
            var text = Collapsed(start, _lines.LineEnd(_lines.LineIndexOf(Math.Max(start, End(hb) - 1)) - 1));
            return new HeadingInfo
            {
                Block = hb, RootIndex = rootIndex, Offset = start, Length = End(hb) - start, HashOffset = start, HashCount = 0,
                Level = hb.Level, Text = text, TextOffset = start, TextLength = lineEnd - start, IsSetext = true,
            };
        }
        var pos = start;
        while (pos < lineEnd && Text[pos] == '#') pos++;
        var hashes = pos - start;
        var textStart = pos;
        while (textStart < lineEnd && (Text[textStart] == ' ' || Text[textStart] == '\t')) textStart++;
        var textEnd = lineEnd;
        while (textEnd > textStart && char.IsWhiteSpace(Text[textEnd - 1])) textEnd--;
        // Optional closing sequence of #s preceded by a space.
        var closing = textEnd;
        while (closing > textStart && Text[closing - 1] == '#') closing--;
        if (closing < textEnd && (closing == textStart || Text[closing - 1] == ' ' || Text[closing - 1] == '\t'))
        {
            textEnd = closing;
            while (textEnd > textStart && char.IsWhiteSpace(Text[textEnd - 1])) textEnd--;
        }
        return new HeadingInfo
        {
            Block = hb, RootIndex = rootIndex, Offset = start, Length = lineEnd - start, HashOffset = start, HashCount = hashes,
            Level = hb.Level, Text = Text[textStart..textEnd], TextOffset = textStart, TextLength = textEnd - textStart,
        };
    }

    /// <summary>
    /// Paragraph lines that are <c>#{1,6}</c> followed by text without a space: meant as headings. The first line
    /// of a paragraph counts when it is the whole paragraph, has two or more #s or names a known section; a later
    /// line (a lazy continuation) when it has two or more #s or names a known section. A "#hashtag" opening a
    /// sentence does not count. With <paramref name="lazyOnly"/> (a paragraph inside a list or quote), only later
    /// lines that start at the margin count: they continue the paragraph lazily, where a heading was meant.
    /// </summary>
    private void AddMissingSpace(ParagraphBlock p, int rootIndex, List<HeadingInfo> list, bool lazyOnly = false)
    {
        var firstLine = _lines.LineIndexOf(p.Span.Start);
        var lastLine = _lines.LineIndexOf(Math.Max(p.Span.Start, End(p) - 1));
        for (var line = lazyOnly ? firstLine + 1 : firstLine; line <= lastLine; line++)
        {
            var start = line == firstLine ? p.Span.Start : _lines.LineStart(line);
            var lineEnd = _lines.LineEnd(line);
            if (lazyOnly && (start >= lineEnd || Text[start] != '#')) continue;
            while (start < lineEnd && line != firstLine && start - _lines.LineStart(line) < 3 && Text[start] == ' ') start++;
            if (start >= lineEnd || Text[start] != '#') continue;
            var pos = start;
            while (pos < lineEnd && Text[pos] == '#') pos++;
            var hashes = pos - start;
            if (hashes > 6 || pos >= lineEnd || char.IsWhiteSpace(Text[pos]) || !char.IsLetterOrDigit(Text[pos])) continue;
            var textEnd = lineEnd;
            while (textEnd > pos && char.IsWhiteSpace(Text[textEnd - 1])) textEnd--;
            var text = Text[pos..textEnd];
            var known = NewsletterLayout.FindSection(text) is not null || NewsletterLayout.FindSubsectionParent(text) is not null;
            var wholeParagraph = firstLine == lastLine;
            if (!(hashes >= 2 || known || wholeParagraph)) continue;
            list.Add(new HeadingInfo
            {
                Block = p, RootIndex = rootIndex, Offset = start, Length = lineEnd - start, HashOffset = start, HashCount = hashes,
                Level = hashes, Text = text, TextOffset = pos, TextLength = textEnd - pos, MissingSpace = true,
            });
        }
    }

    private void ResolveIssue()
    {
        var title = FrontMatter?["title"]?.Scalar;
        if (title is not null)
        {
            const string prefix = "The XMPP Newsletter ";
            var t = title.Trim();
            if (t.StartsWith(prefix, StringComparison.Ordinal))
            {
                var parsed = CoveredPeriod.Parse(t, prefix.Length);
                if (parsed is { } p && prefix.Length + p.Length == t.Length) TitleMonths = p.Months;
            }
        }
        FrontMatterDate = FrontMatter.ParseDate(FrontMatter?["date"]?.Scalar);

        const string welcome = "This issue covers the month of ";
        var w = Text.IndexOf(welcome, BodyStart, StringComparison.Ordinal);
        if (w >= 0 && !IsInCode(w))
        {
            var at = w + welcome.Length;
            var parsed = CoveredPeriod.Parse(Text, at);
            Welcome = parsed is { } p ? (p.Months, at, p.Length) : (null, at, 0);
        }

        if (Options.Year is int y && Options.Month is int m && m is >= 1 and <= 12 && y is >= 1 and <= 9998)
        {
            var month = new DateOnly(y, m, 1);
            CoveredMonths = TitleMonths is not null && TitleMonths.Contains(month) ? TitleMonths : [month];
            CoveredFromOptions = true;
        }
        else if (TitleMonths is not null)
        {
            CoveredMonths = TitleMonths;
        }
        else if (Welcome?.Months is { } wm)
        {
            CoveredMonths = wm;
        }
        else if ((Options.ReleaseDate ?? FrontMatterDate) is DateOnly r && r.Year > 1)
        {
            CoveredMonths = [new DateOnly(r.Year, r.Month, 1).AddMonths(-1)];
        }
        ReleaseDate = Options.ReleaseDate ?? FrontMatterDate
            ?? (CoveredMonths.Count > 0 && CoveredMonths[^1].Year < 9999 ? CoveredMonths[^1].AddMonths(1).AddDays(4) : null);
    }
}
