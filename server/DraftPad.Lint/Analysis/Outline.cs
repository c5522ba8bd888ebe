using Markdig.Syntax;

namespace DraftPad.Lint.Analysis;

/// <summary>A heading of the document body (root level), including a "heading" written without the space after its hashes.</summary>
internal sealed class HeadingInfo
{
    /// <summary>The heading block (a paragraph when <see cref="MissingSpace"/>).</summary>
    public required Block Block { get; init; }

    /// <summary>Index of <see cref="Block"/> among the document's root blocks.</summary>
    public required int RootIndex { get; init; }

    /// <summary>Offset of the heading's first character (the first <c>#</c>).</summary>
    public required int Offset { get; init; }

    /// <summary>Length of the heading line (without its line break).</summary>
    public required int Length { get; init; }

    /// <summary>Offset and length of the run of <c>#</c> (0 for setext headings).</summary>
    public required int HashOffset { get; init; }

    public required int HashCount { get; init; }

    /// <summary>Level as written (1-6).</summary>
    public required int Level { get; init; }

    /// <summary>The heading text, trimmed (markdown as written).</summary>
    public required string Text { get; init; }

    public required int TextOffset { get; init; }

    public required int TextLength { get; init; }

    /// <summary>A paragraph line such as <c>###XSF Announcements</c>, which CommonMark renders as text.</summary>
    public bool MissingSpace { get; init; }

    public bool IsSetext { get; init; }

    /// <summary>Level this heading has in the layout: 2 for a known section at any level, 3 for a known subsection of the enclosing section, otherwise <see cref="Level"/>.</summary>
    public int EffectiveLevel { get; set; }

    /// <summary>The known section this heading names (when <see cref="EffectiveLevel"/> is 2).</summary>
    public SectionDef? Section { get; set; }

    /// <summary>The enclosing section's heading (effective level 2 or less) for headings below it.</summary>
    public HeadingInfo? Parent { get; set; }

    /// <summary>Whether this heading names a known subsection of its parent section.</summary>
    public bool IsKnownSubsection { get; set; }

    /// <summary>Root block index where the heading's content ends (exclusive): the next heading of the same or a higher rank.</summary>
    public int ContentEnd { get; set; }
}
