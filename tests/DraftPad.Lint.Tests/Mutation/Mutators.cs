using System.Globalization;
using System.Text.RegularExpressions;
using Markdig.Syntax;

namespace DraftPad.Lint.Tests.Mutation;

/// <summary>A text to damage: a clean issue of the current layout, or the skeleton, with the options of its pad.</summary>
internal sealed record MutationBase(string Name, string Text, LintOptions Options);

/// <summary>What applying the finding's autofix must give.</summary>
internal enum FixExpectation
{
    /// <summary>No autofix is documented for this case; if one is offered, it must still resolve the finding.</summary>
    IfAny,

    /// <summary>An autofix must be offered and resolve the finding.</summary>
    Required,

    /// <summary>An autofix must be offered and give back the text before the mutation (up to line endings).</summary>
    RestoresOriginal,

    /// <summary>As <see cref="RestoresOriginal"/>, up to letter case (the fix writes the canonical spelling).</summary>
    RestoresOriginalIgnoringCase,
}

/// <summary>One generated defect: the damaged text and the finding it must produce.</summary>
internal sealed record Mutation(string Description, string Text, string RuleId, int Offset, int Length, FixExpectation Fix = FixExpectation.IfAny);

/// <summary>A kind of generated defect and the rule meant to catch it.</summary>
internal sealed record Mutator(string Name, string RuleId, Func<MutationBase, MutationDoc, Random, Mutation?> Apply);

/// <summary>The generated defects. Each picks its target (section, subsection, link, figure) with the given random source.</summary>
internal static partial class Mutators
{
    public static readonly Mutator[] All =
    [
        new("drop-required-section", "NL017", DropRequiredSection),
        new("swap-sections", "NL016", SwapSections),
        new("section-typo", "NL014", SectionTypo),
        new("subsection-typo", "NL014", SubsectionTypo),
        new("unknown-section", "NL013", UnknownSection),
        new("unknown-subsection", "NL013", UnknownSubsection),
        new("glue-hashes", "NL010", GlueHashes),
        new("section-level", "NL011", SectionLevel),
        new("subsection-level", "NL011", SubsectionLevel),
        new("placeholder-next-to-entries", "NL021", PlaceholderNextToEntries),
        new("placeholder-removed", "NL021", PlaceholderRemoved),
        new("drop-extensions-subsection", "NL020", DropExtensionsSubsection),
        new("swap-extensions-subsections", "NL020", SwapExtensionsSubsections),
        new("wrong-xep-number", "NL030", WrongXepNumber),
        new("broken-figure-closer", "NL040", BrokenFigureCloser),
        new("unclosed-figure-quote", "NL040", UnclosedFigureQuote),
        new("unknown-shortcode", "NL041", UnknownShortcode),
        new("figure-without-src", "NL042", FigureWithoutSrc),
        new("figure-empty-src", "NL042", FigureEmptySrc),
        new("figure-other-month", "NL044", FigureOtherMonth),
        new("welcome-wrong-month", "NL060", WelcomeWrongMonth),
        new("title-wrong-month", "NL002", TitleWrongMonth),
        new("empty-link-target", "NL032", EmptyLinkTarget),
        new("empty-link-text", "NL032", EmptyLinkText),
        new("placeholder-link", "NL033", PlaceholderLink),
        new("editor-note", "NL050", EditorNote),
        new("todo-line", "NL052", TodoLine),
    ];

    private static T? Pick<T>(IReadOnlyList<T> items, Random rng) where T : class => items.Count == 0 ? null : items[rng.Next(items.Count)];

    private static string Replace(string text, int offset, int length, string with) => text[..offset] + with + text[(offset + length)..];

    private static string WithBlankLineEnd(string block)
    {
        if (!block.EndsWith('\n')) block += "\n";
        if (!block.EndsWith("\n\n", StringComparison.Ordinal)) block += "\n";
        return block;
    }

    private static string Quote(string s) => "'" + s + "'";

    private static DateOnly Release(MutationBase b) => b.Options.ReleaseDate ?? throw new InvalidOperationException(b.Name + " has no release date");

    private static DateOnly Covered(MutationBase b) => new(b.Options.Year!.Value, b.Options.Month!.Value, 1);

    private static string MonthYear(DateOnly d) => d.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    // ---- sections ----

    /// <summary>A required section (heading and content) removed: NL017 at the next section of the layout, or at the end.</summary>
    private static Mutation? DropRequiredSection(MutationBase b, MutationDoc d, Random rng)
    {
        var release = Release(b);
        var h = Pick(d.Sections.Where(s => Layout.Find(s.Name) is { RequiredFrom: DateOnly from } && release >= from).ToList(), rng);
        if (h is null) return null;
        var rank = Layout.Find(h.Name)!.Rank;
        var start = d.LineStart(h.Offset);
        var text = Replace(d.Text, start, d.BlockEnd(h) - start, "");
        var next = new MutationDoc(text).Headings.FirstOrDefault(x => x.Level <= 2 && Layout.Find(x.Name) is { } s && s.Rank > rank);
        var description = $"section {Quote(h.Name)} removed";
        return next is null ? new(description, text, "NL017", text.Length, 0) : new(description, text, "NL017", next.Offset, next.Length);
    }

    /// <summary>Two neighbouring sections of the layout exchanged: NL016 at the one that now comes second.</summary>
    private static Mutation? SwapSections(MutationBase b, MutationDoc d, Random rng)
    {
        var sections = d.Sections.ToList();
        var pairs = new List<(MHeading A, MHeading B)>();
        for (var i = 0; i + 1 < sections.Count; i++)
        {
            if (Layout.Find(sections[i].Name) is { Rank: > 0 } a && Layout.Find(sections[i + 1].Name) is { Rank: > 0 } bb && a.Rank < bb.Rank)
            {
                pairs.Add((sections[i], sections[i + 1]));
            }
        }
        if (pairs.Count == 0) return null;
        var (first, second) = pairs[rng.Next(pairs.Count)];
        var aStart = d.LineStart(first.Offset);
        var bStart = d.LineStart(second.Offset);
        var bEnd = d.BlockEnd(second);
        var movedUp = WithBlankLineEnd(d.Text[bStart..bEnd]);
        var text = d.Text[..aStart] + movedUp + d.Text[aStart..bStart] + d.Text[bEnd..];
        return new($"sections {Quote(first.Name)} and {Quote(second.Name)} swapped", text, "NL016", aStart + movedUp.Length, first.Length);
    }

    private static MHeading? ParentOf(MutationDoc d, MHeading h) => d.Sections.LastOrDefault(s => s.Offset < h.Offset);

    /// <summary>Known subsections of the sections with fixed subsections (software news, extensions, spread the news).</summary>
    private static List<(MHeading Heading, Layout.Section Parent)> KnownSubsections(MutationDoc d)
    {
        var list = new List<(MHeading, Layout.Section)>();
        foreach (var h in d.Headings.Where(h => h.Level == 3))
        {
            if (ParentOf(d, h) is { } p && Layout.Find(p.Name) is { Subsections.Length: > 0 } def
                && def.Subsections.Contains(h.Name, StringComparer.OrdinalIgnoreCase))
            {
                list.Add((h, def));
            }
        }
        return list;
    }

    /// <summary>A section name misspelled (a letter dropped, replaced, swapped, or a Cyrillic look-alike): NL014 on the heading's text.</summary>
    private static Mutation? SectionTypo(MutationBase b, MutationDoc d, Random rng)
    {
        var h = Pick(d.Sections.Where(s => Layout.Find(s.Name) is not null).ToList(), rng);
        if (h is null) return null;
        if (Layout.Typo(h.Name, [.. Layout.AllSectionNames], rng) is not var (typo, how)) return null;
        return new($"section {Quote(h.Name)} misspelled {Quote(typo)} ({how})", Replace(d.Text, h.TextOffset, h.Name.Length, typo), "NL014",
            h.TextOffset, typo.Length, FixExpectation.RestoresOriginalIgnoringCase);
    }

    /// <summary>A known subsection misspelled: NL014 on the heading's text.</summary>
    private static Mutation? SubsectionTypo(MutationBase b, MutationDoc d, Random rng)
    {
        var subs = KnownSubsections(d);
        if (subs.Count == 0) return null;
        var (h, parent) = subs[rng.Next(subs.Count)];
        if (Layout.Typo(h.Name, parent.Subsections, rng) is not var (typo, how)) return null;
        return new($"subsection {Quote(h.Name)} misspelled {Quote(typo)} ({how})", Replace(d.Text, h.TextOffset, h.Name.Length, typo), "NL014",
            h.TextOffset, typo.Length, FixExpectation.RestoresOriginalIgnoringCase);
    }

    private static readonly string[] UnknownSectionNames = ["XMPP Gossip", "Community Corner", "Miscellaneous", "Odds and Ends", "Upcoming Deadlines", "Job Offers"];

    private static readonly string[] UnknownSubsectionNames = ["Withdrawn", "Obsoleted", "Retracted", "XMPP Bots", "Gateways", "Honourable Mentions"];

    /// <summary>A section renamed to a name the layout does not know (and no typo of one): NL013 on the heading line.</summary>
    private static Mutation? UnknownSection(MutationBase b, MutationDoc d, Random rng)
    {
        var h = Pick(d.Sections.Where(s => Layout.Find(s.Name) is not null).ToList(), rng);
        var name = Pick(UnknownSectionNames.Where(n => Layout.IsFarFrom(n, Layout.AllSectionNames)).ToList(), rng);
        if (h is null || name is null) return null;
        return new($"section {Quote(h.Name)} renamed {Quote(name)}", Replace(d.Text, h.TextOffset, h.Name.Length, name), "NL013",
            h.Offset, h.Length - h.Name.Length + name.Length);
    }

    /// <summary>A subsection of a section with fixed subsections renamed to an unknown name: NL013 on the heading line.</summary>
    private static Mutation? UnknownSubsection(MutationBase b, MutationDoc d, Random rng)
    {
        var subs = KnownSubsections(d);
        if (subs.Count == 0) return null;
        var (h, parent) = subs[rng.Next(subs.Count)];
        var name = Pick(UnknownSubsectionNames.Where(n => Layout.IsFarFrom(n, parent.Subsections)).ToList(), rng);
        if (name is null) return null;
        return new($"subsection {Quote(h.Name)} of {Quote(parent.Names[0])} renamed {Quote(name)}", Replace(d.Text, h.TextOffset, h.Name.Length, name), "NL013",
            h.Offset, h.Length - h.Name.Length + name.Length);
    }

    /// <summary>
    /// The space after a heading's hashes removed (<c>##XMPP Articles</c>), and sometimes the blank line before it
    /// too, so that the line continues the paragraph or list item above: NL010 on the line; the fix puts the space back.
    /// </summary>
    private static Mutation? GlueHashes(MutationBase b, MutationDoc d, Random rng)
    {
        var h = Pick(d.Headings.Where(x => x.Level is 2 or 3 && x.TextOffset == x.Offset + x.Level + 1 && d.Text[x.Offset + x.Level] == ' '
            && x.Name.Length > 0 && char.IsLetterOrDigit(x.Name[0])).ToList(), rng);
        if (h is null) return null;
        var text = Replace(d.Text, h.Offset + h.Level, 1, "");
        var description = $"heading {Quote(new string('#', h.Level) + " " + h.Name)} glued to its hashes";
        if (rng.Next(3) == 0 && h.Offset >= 2 && d.Text[h.Offset - 1] == '\n' && d.Text[h.Offset - 2] == '\n')
        {
            // Also the blank line(s) before it: the line now follows the last line of the previous block.
            var content = d.Text[..h.Offset].TrimEnd().Length;
            if (content > 0 && d.Text[content - 1] is not ('}' or '>'))
            {
                var lineEnd = d.LineEnd(content - 1);
                var gap = h.Offset - lineEnd - 1;
                var above = d.Text[d.LineStart(content - 1)..content].TrimStart();
                return new(description + $" and joined to the line above ({Quote(above[..Math.Min(30, above.Length)])})",
                    Replace(text, lineEnd + 1, gap, ""), "NL010", h.Offset - gap, h.Length - 1, FixExpectation.IfAny);
            }
        }
        return new(description, text, "NL010", h.Offset, h.Length - 1, FixExpectation.RestoresOriginal);
    }

    /// <summary>
    /// A section written at another level: <c>#</c> for any section; <c>###</c> or <c>####</c> for the names that can
    /// only be sections (a short alias or License at level 3 may be a topic). NL011 on the line; the fix restores it.
    /// </summary>
    private static Mutation? SectionLevel(MutationBase b, MutationDoc d, Random rng)
    {
        var h = Pick(d.Sections.Where(s => Layout.Find(s.Name) is not null).ToList(), rng);
        if (h is null) return null;
        if (rng.Next(5) == 0)
        {
            // A setext heading underlined with '=' is level 1 (no autofix: the underline has to go).
            var underline = new string('=', h.Name.Length);
            return new($"section {Quote(h.Name)} written as a setext level-1 heading", Replace(d.Text, h.Offset, h.Length, h.Name + "\n" + underline), "NL011",
                h.Offset, h.Name.Length + 1 + underline.Length);
        }
        int[] levels = Layout.IsStrictName(h.Name) ? [1, 3, 4] : [1];
        var level = levels[rng.Next(levels.Length)];
        return new($"section {Quote(h.Name)} written at level {level}", Replace(d.Text, h.Offset, 2, new string('#', level)), "NL011",
            h.Offset, h.Length - 2 + level, FixExpectation.RestoresOriginal);
    }

    /// <summary>A known subsection written as <c>##</c>: NL011 on the line; the fix restores it.</summary>
    private static Mutation? SubsectionLevel(MutationBase b, MutationDoc d, Random rng)
    {
        var subs = KnownSubsections(d);
        if (subs.Count == 0) return null;
        var (h, _) = subs[rng.Next(subs.Count)];
        return new($"subsection {Quote(h.Name)} written at level 2", Replace(d.Text, h.Offset, 3, "##"), "NL011",
            h.Offset, h.Length - 1, FixExpectation.RestoresOriginal);
    }

    // ---- extensions ----

    private static List<MHeading> ExtensionSubsections(MutationDoc d) =>
        d.Extensions is { } ext ? [.. d.SubsectionsOf(ext).Where(h => Layout.ExtensionSubsections.Contains(h.Name, StringComparer.OrdinalIgnoreCase))] : [];

    private static int IndexOf(MHeading h) => Array.FindIndex(Layout.ExtensionSubsections, n => string.Equals(n, h.Name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A placeholder sentence added to a subsection that has entries (as its last item, or as a paragraph before them): NL021 on the sentence.</summary>
    private static Mutation? PlaceholderNextToEntries(MutationBase b, MutationDoc d, Random rng)
    {
        var h = Pick(ExtensionSubsections(d).Where(s => d.Classify(s) is { Entries: > 0, Placeholders.Count: 0 }).ToList(), rng);
        if (h is null) return null;
        var forms = Layout.PlaceholderForms(h.Name);
        var sentence = forms[rng.Next(forms.Length)];
        if (rng.Next(2) == 0)
        {
            var lastContent = d.Text[..d.BlockEnd(h)].TrimEnd().Length;
            var at = d.LineEnd(lastContent - 1);
            return new($"'- {sentence}' added after the entries of {Quote(h.Name)}", d.Text[..at] + "\n- " + sentence + d.Text[at..], "NL021",
                at + 3, sentence.Length, FixExpectation.RestoresOriginal);
        }
        var first = d.RootBlocks(h.LineEnd, d.BlockEnd(h)).First();
        var start = d.LineStart(first.Span.Start);
        return new($"paragraph {Quote(sentence)} added before the entries of {Quote(h.Name)}", d.Text[..start] + sentence + "\n\n" + d.Text[start..], "NL021",
            start, sentence.Length, FixExpectation.RestoresOriginal);
    }

    /// <summary>The placeholder of an empty subsection removed: NL021 on the subsection's heading; the fix adds the placeholder.</summary>
    private static Mutation? PlaceholderRemoved(MutationBase b, MutationDoc d, Random rng)
    {
        var h = Pick(ExtensionSubsections(d).Where(s => d.Classify(s) is { Entries: 0, Placeholders.Count: 1 }).ToList(), rng);
        if (h is null) return null;
        var p = d.Classify(h).Placeholders[0];
        var start = d.LineStart(p.Offset);
        var end = d.NextLineStart(p.Offset);
        var line = d.Text[start..d.LineEnd(p.Offset)];
        var blankBefore = start >= 2 && d.Text[start - 2] == '\n';
        var blankAfter = end < d.Text.Length && d.Text[end] == '\n';
        if (blankBefore && blankAfter) end++;
        // The fix writes this subsection's standard placeholder at the end of the subsection.
        var restores = line == "- " + Layout.PlaceholderForms(h.Name)[0] && blankBefore && blankAfter && end == d.BlockEnd(h);
        return new($"placeholder {Quote(line)} removed from {Quote(h.Name)}", Replace(d.Text, start, end - start, ""), "NL021",
            h.Offset, h.Length, restores ? FixExpectation.RestoresOriginal : FixExpectation.Required);
    }

    /// <summary>An Extensions subsection removed: NL020 at the next subsection (or at the section when it was the last); the fix adds it back.</summary>
    private static Mutation? DropExtensionsSubsection(MutationBase b, MutationDoc d, Random rng)
    {
        var subs = ExtensionSubsections(d);
        if (subs.Count != Layout.ExtensionSubsections.Length || d.Extensions is not { } ext) return null;
        var h = subs[rng.Next(subs.Count)];
        var start = d.LineStart(h.Offset);
        var text = Replace(d.Text, start, d.BlockEnd(h) - start, "");
        var next = subs.FirstOrDefault(s => IndexOf(s) > IndexOf(h));
        var description = $"subsection {Quote(h.Name)} removed";
        return next is not null
            ? new(description, text, "NL020", start, next.Length, FixExpectation.Required)
            : new(description, text, "NL020", ext.Offset, ext.Length, FixExpectation.Required);
    }

    /// <summary>Two neighbouring Extensions subsections exchanged: NL020 at the one that now comes second.</summary>
    private static Mutation? SwapExtensionsSubsections(MutationBase b, MutationDoc d, Random rng)
    {
        var subs = ExtensionSubsections(d);
        var pairs = Enumerable.Range(0, Math.Max(0, subs.Count - 1)).Where(i => IndexOf(subs[i]) < IndexOf(subs[i + 1])).ToList();
        if (pairs.Count == 0) return null;
        var i = pairs[rng.Next(pairs.Count)];
        var (first, second) = (subs[i], subs[i + 1]);
        var aStart = d.LineStart(first.Offset);
        var bStart = d.LineStart(second.Offset);
        var bEnd = d.BlockEnd(second);
        var movedUp = WithBlankLineEnd(d.Text[bStart..bEnd]);
        var text = d.Text[..aStart] + movedUp + d.Text[aStart..bStart] + d.Text[bEnd..];
        return new($"subsections {Quote(first.Name)} and {Quote(second.Name)} swapped", text, "NL020", aStart + movedUp.Length, first.Length);
    }

    // ---- links ----

    [GeneratedRegex(@"(?:^|/)extensions/(?:attic/)?xep-(\d{4})\.html", RegexOptions.IgnoreCase)]
    private static partial Regex XepTarget();

    [GeneratedRegex(@"\bXEP[-\s]?(\d{1,4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex XepInText();

    /// <summary>The XEP number of a link's text changed, not its target: NL030 on the link.</summary>
    private static Mutation? WrongXepNumber(MutationBase b, MutationDoc d, Random rng)
    {
        var links = d.Links.Where(l =>
        {
            var target = XepTarget().Match(l.Url);
            var numbers = XepInText().Matches(l.Label).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().ToList();
            return target.Success && numbers.Count == 1 && numbers[0] == int.Parse(target.Groups[1].Value, CultureInfo.InvariantCulture);
        }).ToList();
        var link = Pick(links, rng);
        if (link is null) return null;
        var digits = XepInText().Match(link.Label).Groups[1];
        var old = int.Parse(digits.Value, CultureInfo.InvariantCulture);
        int number;
        do number = rng.Next(1, 500); while (number == old);
        var written = number.ToString("D4", CultureInfo.InvariantCulture);
        return new($"XEP number of the link text {Quote(link.Label)} changed to {written} (target {link.Url})",
            Replace(d.Text, link.LabelOffset + digits.Index, digits.Length, written), "NL030", link.Offset, link.Length - digits.Length + written.Length);
    }

    private static List<MLink> NonEmptyLinks(MutationDoc d) => [.. d.Links.Where(l => l.Label.Trim().Length > 0 && l.Url.Length > 0)];

    /// <summary>A link's target emptied (<c>[Gajim]()</c>): NL032 on the link.</summary>
    private static Mutation? EmptyLinkTarget(MutationBase b, MutationDoc d, Random rng)
    {
        var link = Pick(NonEmptyLinks(d), rng);
        if (link is null) return null;
        return new($"target of the link {Quote(link.Label)} emptied", Replace(d.Text, link.UrlOffset, link.Url.Length, ""), "NL032", link.Offset, link.Length - link.Url.Length);
    }

    /// <summary>A link's text emptied (<c>[](https://...)</c>): NL032 on the link.</summary>
    private static Mutation? EmptyLinkText(MutationBase b, MutationDoc d, Random rng)
    {
        var link = Pick(NonEmptyLinks(d), rng);
        if (link is null) return null;
        return new($"text of the link to {link.Url} emptied", Replace(d.Text, link.LabelOffset, link.Label.Length, ""), "NL032", link.Offset, link.Length - link.Label.Length);
    }

    private static readonly string[] PlaceholderTargets = ["url", "#", "TODO", "https://", "https://example.com/news", "link"];

    private static readonly string[] PlaceholderTexts = ["TODO", "...", "TBD"];

    /// <summary>A link's target or text replaced by a placeholder (<c>[Gajim](url)</c>, <c>[TODO](...)</c>): NL033 on the link.</summary>
    private static Mutation? PlaceholderLink(MutationBase b, MutationDoc d, Random rng)
    {
        var link = Pick(NonEmptyLinks(d), rng);
        if (link is null) return null;
        if (rng.Next(2) == 0)
        {
            var target = PlaceholderTargets[rng.Next(PlaceholderTargets.Length)];
            return new($"target of the link {Quote(link.Label)} replaced by {Quote(target)}", Replace(d.Text, link.UrlOffset, link.Url.Length, target), "NL033",
                link.Offset, link.Length - link.Url.Length + target.Length);
        }
        var label = PlaceholderTexts[rng.Next(PlaceholderTexts.Length)];
        return new($"text of the link to {link.Url} replaced by {Quote(label)}", Replace(d.Text, link.LabelOffset, link.Label.Length, label), "NL033",
            link.Offset, link.Length - link.Label.Length + label.Length);
    }

    // ---- shortcodes ----

    [GeneratedRegex("(?<=\\s)src=\"(?<value>[^\"]*)\"")]
    private static partial Regex SrcParam();

    private static List<MShortcode> Figures(MutationDoc d) => [.. d.Shortcodes.Where(s => s.Name == "figure")];

    /// <summary>A figure's closing <c>&gt;}}</c> broken (<c>&gt;}</c>, <c>}}</c>, or dropped): NL040 from <c>{{&lt;</c> to the end of the line.</summary>
    private static Mutation? BrokenFigureCloser(MutationBase b, MutationDoc d, Random rng)
    {
        var sc = Pick(Figures(d), rng);
        if (sc is null) return null;
        var end = sc.Offset + sc.Length;
        if (rng.Next(4) == 0)
        {
            // Opened as {{% but closed as >}}: reported over the whole shortcode.
            return new("a figure opened with '{{%' and closed with '>}}'", Replace(d.Text, sc.Offset + 2, 1, "%"), "NL040", sc.Offset, sc.Length);
        }
        string[] closers = [">}", "}}", ""];
        var closer = closers[rng.Next(closers.Length)];
        var text = closer.Length == 0
            ? Replace(d.Text, end - 4, 4, "")   // " >}}" dropped
            : Replace(d.Text, end - 3, 3, closer);
        if (closer.Length == 0 && d.Text[end - 4] != ' ') return null;
        var lineEnd = new MutationDoc(text).LineEnd(sc.Offset);
        return new($"closing '>}}}}' of a figure {(closer.Length == 0 ? "dropped" : "written " + Quote(closer))}", text, "NL040", sc.Offset, lineEnd - sc.Offset);
    }

    /// <summary>The closing quote of a figure's last parameter dropped: NL040 from <c>{{&lt;</c> to the end of the line.</summary>
    private static Mutation? UnclosedFigureQuote(MutationBase b, MutationDoc d, Random rng)
    {
        var sc = Pick(Figures(d), rng);
        if (sc is null) return null;
        var quote = d.Text.LastIndexOf('"', sc.Offset + sc.Length - 1, sc.Length);
        if (quote < 0) return null;
        var text = Replace(d.Text, quote, 1, "");
        var lineEnd = new MutationDoc(text).LineEnd(sc.Offset);
        return new($"closing quote of a figure's last parameter dropped", text, "NL040", sc.Offset, lineEnd - sc.Offset);
    }

    private static readonly string[] UnknownShortcodeNames = ["image", "img", "picture", "figures", "fig", "gallery", "youtube"];

    /// <summary>A shortcode's name replaced by one the site does not have: NL041 on the shortcode.</summary>
    private static Mutation? UnknownShortcode(MutationBase b, MutationDoc d, Random rng)
    {
        var sc = Pick(d.Shortcodes.Where(s => s.Name is "figure" or "newsletter-subscribe").ToList(), rng);
        if (sc is null) return null;
        if (rng.Next(4) == 0)
        {
            // A closing tag for a shortcode that takes no content.
            var tag = "{{< /" + sc.Name + " >}}";
            var at = sc.Offset + sc.Length;
            return new($"closing tag {Quote(tag)} added after a {sc.Name}", d.Text[..at] + tag + d.Text[at..], "NL041", at, tag.Length);
        }
        var name = UnknownShortcodeNames[rng.Next(UnknownShortcodeNames.Length)];
        return new($"shortcode {Quote(sc.Name)} renamed {Quote(name)}", Replace(d.Text, sc.NameOffset, sc.Name.Length, name), "NL041",
            sc.Offset, sc.Length - sc.Name.Length + name.Length);
    }

    /// <summary>A figure's <c>src="..."</c> removed: NL042 on the shortcode.</summary>
    private static Mutation? FigureWithoutSrc(MutationBase b, MutationDoc d, Random rng)
    {
        var sc = Pick(Figures(d).Where(s => SrcParam().IsMatch(d.Text.Substring(s.Offset, s.Length))).ToList(), rng);
        if (sc is null) return null;
        var src = SrcParam().Match(d.Text.Substring(sc.Offset, sc.Length));
        if (rng.Next(3) == 0)
        {
            // Written as a positional value: figure reads only named parameters.
            return new("src of a figure written as a positional value", Replace(d.Text, sc.Offset + src.Index, 4, ""), "NL042", sc.Offset, sc.Length - 4);
        }
        // The parameter and the space before it.
        return new($"src of a figure removed", Replace(d.Text, sc.Offset + src.Index - 1, src.Length + 1, ""), "NL042", sc.Offset, sc.Length - src.Length - 1);
    }

    /// <summary>A figure's src emptied (<c>src=""</c>): NL042 on the parameter.</summary>
    private static Mutation? FigureEmptySrc(MutationBase b, MutationDoc d, Random rng)
    {
        var sc = Pick(Figures(d).Where(s => SrcParam().Match(d.Text.Substring(s.Offset, s.Length)) is { Success: true } m && m.Groups["value"].Length > 0).ToList(), rng);
        if (sc is null) return null;
        var src = SrcParam().Match(d.Text.Substring(sc.Offset, sc.Length));
        var value = src.Groups["value"];
        return new($"src of a figure emptied", Replace(d.Text, sc.Offset + value.Index, value.Length, ""), "NL042", sc.Offset + src.Index, "src=\"\"".Length);
    }

    [GeneratedRegex(@"^date:\s*(\d{4}-\d{2}-\d{2})", RegexOptions.Multiline)]
    private static partial Regex FrontMatterDate();

    /// <summary>A figure pointing to another month's image folder: NL044 on the src value.</summary>
    private static Mutation? FigureOtherMonth(MutationBase b, MutationDoc d, Random rng)
    {
        var sc = Pick(Figures(d).Where(s => SrcParam().IsMatch(d.Text.Substring(s.Offset, s.Length))).ToList(), rng);
        if (sc is null) return null;
        var value = SrcParam().Match(d.Text.Substring(sc.Offset, sc.Length)).Groups["value"];
        var release = Release(b);
        var dated = FrontMatterDate().Match(d.Text) is { Success: true } m ? DateOnly.ParseExact(m.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture) : release;
        DateOnly other;
        do other = new DateOnly(release.Year, release.Month, 5).AddMonths(rng.Next(-3, 4));
        while ((other.Year, other.Month) == (release.Year, release.Month) || (other.Year, other.Month) == (dated.Year, dated.Month));
        var name = value.Value[(value.Value.LastIndexOf('/') + 1)..];
        var path = $"/images/newsletter/{other:yyyy-MM-dd}/{name}";
        return new($"figure {Quote(value.Value)} moved to {Quote(path)}", Replace(d.Text, sc.Offset + value.Index, value.Length, path), "NL044",
            sc.Offset + value.Index, path.Length);
    }

    // ---- months ----

    [GeneratedRegex(@"This issue covers the month of (?<period>[A-Z][a-z]+ \d{4})")]
    private static partial Regex WelcomeSentence();

    [GeneratedRegex(@"^title: (?<value>The XMPP Newsletter (?<period>[A-Z][a-z]+ \d{4}))[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex TitleLine();

    private static DateOnly OtherMonth(DateOnly covered, Random rng)
    {
        int shift;
        do shift = rng.Next(-13, 14); while (shift == 0);
        return covered.AddMonths(shift);
    }

    /// <summary>The welcome sentence naming another month: NL060 on the period; the fix restores it.</summary>
    private static Mutation? WelcomeWrongMonth(MutationBase b, MutationDoc d, Random rng)
    {
        var m = WelcomeSentence().Match(d.Text);
        if (!m.Success) return null;
        var period = m.Groups["period"];
        var other = MonthYear(OtherMonth(Covered(b), rng));
        return new($"welcome sentence says {Quote(other)}", Replace(d.Text, period.Index, period.Length, other), "NL060",
            period.Index, other.Length, FixExpectation.RestoresOriginal);
    }

    /// <summary>
    /// The title naming another month than the pad's (sometimes quoted, as YAML allows): NL002 on the title's value,
    /// quotes included; the fix writes the pad's title back.
    /// </summary>
    private static Mutation? TitleWrongMonth(MutationBase b, MutationDoc d, Random rng)
    {
        var m = TitleLine().Match(d.Text);
        if (!m.Success) return null;
        var period = m.Groups["period"];
        var value = m.Groups["value"];
        var other = MonthYear(OtherMonth(Covered(b), rng));
        var quote = new[] { "", "\"", "'" }[rng.Next(3)];
        var newValue = quote + value.Value[..(period.Index - value.Index)] + other + quote;
        return new($"title says {newValue}", Replace(d.Text, value.Index, value.Length, newValue), "NL002",
            value.Index, newValue.Length, FixExpectation.RestoresOriginal);
    }

    // ---- editor notes ----

    private static readonly string[] Notes =
        ["<!-- ask for the summit photo -->", "<!-- check the release date with the author -->", "<!-- TODO: shorten -->", "<!--needs a link-->", "<!-- two lines:\nwho writes this? -->"];

    /// <summary>An HTML comment left in, as a block of its own or at the end of a paragraph line: NL050 on the comment.</summary>
    private static Mutation? EditorNote(MutationBase b, MutationDoc d, Random rng)
    {
        var note = Notes[rng.Next(Notes.Length)];
        if (rng.Next(2) == 0)
        {
            var starts = d.BlockStarts();
            if (starts.Count == 0) return null;
            var at = starts[rng.Next(starts.Count)];
            return new($"note {Quote(note.Replace("\n", "\\n", StringComparison.Ordinal))} added as a block", d.Text[..at] + note + "\n\n" + d.Text[at..], "NL050", at, note.Length);
        }
        var ends = d.ParagraphLineEnds();
        if (ends.Count == 0 || note.Contains('\n', StringComparison.Ordinal)) return null;
        var end = ends[rng.Next(ends.Count)];
        return new($"note {Quote(note)} added at the end of line {d.Text[..end].Count(c => c == '\n') + 1}", d.Text[..end] + " " + note + d.Text[end..], "NL050", end + 1, note.Length);
    }

    private static readonly string[] Todos = ["TODO: add the Prosody release", "TODO ask for the summit photo", "  TODO: check the date", "- TODO link the release notes", "TODO"];

    /// <summary>A TODO line left in, as a block of its own or as a list item after an entry: NL052 on the line.</summary>
    private static Mutation? TodoLine(MutationBase b, MutationDoc d, Random rng)
    {
        var todo = Todos[rng.Next(Todos.Length)];
        if (rng.Next(2) == 0)
        {
            var starts = d.BlockStarts();
            if (starts.Count == 0) return null;
            var at = starts[rng.Next(starts.Count)];
            return new($"line {Quote(todo)} added as a block", d.Text[..at] + todo + "\n\n" + d.Text[at..], "NL052", at, todo.Length);
        }
        var items = d.Document.Descendants<ListItemBlock>()
            .Select(i => d.LineStart(i.Span.Start)).Where(s => s >= d.BodyStart && d.Text[s] == '-').Distinct().ToList();
        if (items.Count == 0) return null;
        var itemLine = items[rng.Next(items.Count)];
        var end = d.LineEnd(itemLine);
        var line = todo.StartsWith("- ", StringComparison.Ordinal) ? todo : "- " + todo.TrimStart();
        return new($"item {Quote(line)} added after line {d.Text[..end].Count(c => c == '\n') + 1}", d.Text[..end] + "\n" + line + d.Text[end..], "NL052", end + 1, line.Length);
    }
}
