using System.Text.RegularExpressions;
using DraftPad.Lint.Analysis;
using Markdig.Syntax;

namespace DraftPad.Lint.Rules;

/// <summary>A placeholder sentence of an Extensions subsection: its text and lines.</summary>
internal sealed record Placeholder(string Text, int Offset, int Length, int TextOffset, int TextLength, int FirstLine, int LastLine);

/// <summary>The Extensions section's known subsections and what each holds.</summary>
internal static partial class ExtensionContent
{
    [GeneratedRegex(@"^(?:no|none)\b.{0,80}\bthis month\s*[.!]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    public static HeadingInfo? ExtensionsHeading(LintContext context) =>
        context.Headings.FirstOrDefault(h => h.Section?.Key == NewsletterLayout.ExtensionsKey);

    public static List<HeadingInfo> Subsections(LintContext context, HeadingInfo extensions) =>
        [.. context.Headings.Where(h => h.IsKnownSubsection && ReferenceEquals(h.Parent, extensions))];

    public static bool IsPlaceholder(string text) => text.Length < 120 && PlaceholderPattern().IsMatch(text);

    /// <summary>Entries (count) and placeholders of a subsection.</summary>
    public static (int Entries, List<Placeholder> Placeholders) Classify(LintContext context, HeadingInfo subsection)
    {
        var entries = 0;
        var placeholders = new List<Placeholder>();
        foreach (var block in context.ContentOf(subsection))
        {
            switch (block)
            {
                case ListBlock list:
                    foreach (var child in list)
                    {
                        if (child is not ListItemBlock item) continue;
                        var body = item.Count > 0 ? item[0] : item;
                        var text = context.Collapsed(body.Span.Start, LintContext.End(body));
                        if (item.Count <= 1 && IsPlaceholder(text)) placeholders.Add(Make(context, item, body, text));
                        else entries++;
                    }
                    break;
                case ParagraphBlock p:
                    var ptext = context.Collapsed(p.Span.Start, LintContext.End(p));
                    if (IsPlaceholder(ptext)) placeholders.Add(Make(context, p, p, ptext));
                    else if (NewsletterLayout.StandardIntroStarts.Any(s => ptext.StartsWith(s, StringComparison.Ordinal))) { }
                    else if (ptext.StartsWith("{{<", StringComparison.Ordinal) || ptext.StartsWith("{{%", StringComparison.Ordinal)) { }
                    else entries++;
                    break;
                case HtmlBlock:
                case LinkReferenceDefinitionGroup:
                case ThematicBreakBlock:
                    break;
                default:
                    entries++;
                    break;
            }
        }
        return (entries, placeholders);
    }

    private static Placeholder Make(LintContext context, Block whole, Block body, string text)
    {
        var start = whole.Span.Start;
        var end = LintContext.End(whole);
        // A list item's span takes in a following whitespace-only line: the placeholder's lines end with its text.
        while (end > start && char.IsWhiteSpace(context.Text[end - 1])) end--;
        var first = context.Lines.LineIndexOf(start);
        var last = context.Lines.LineIndexOf(Math.Max(start, end - 1));
        var bodyEnd = LintContext.End(body);
        while (bodyEnd > body.Span.Start && char.IsWhiteSpace(context.Text[bodyEnd - 1])) bodyEnd--;
        return new Placeholder(text, start, end - start, body.Span.Start, bodyEnd - body.Span.Start, first, last);
    }

    /// <summary>Offset where a subsection's content ends: the start of the next heading's line, or the text's end.</summary>
    public static int ContentEndOffset(LintContext context, HeadingInfo h) =>
        h.ContentEnd < context.Root.Count ? context.Lines.LineStart(context.Lines.LineIndexOf(context.Root[h.ContentEnd].Span.Start)) : context.Text.Length;
}
