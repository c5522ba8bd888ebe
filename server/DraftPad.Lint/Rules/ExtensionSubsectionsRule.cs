using DraftPad.Lint.Analysis;

namespace DraftPad.Lint.Rules;

/// <summary>NL020: Extensions and specifications holds all eight subsections, in order.</summary>
internal sealed class ExtensionSubsectionsRule() : Rule("NL020", LintSeverity.Error, "extensions-subsections")
{
    public override void Check(LintContext context)
    {
        if (!context.IsCurrentLayout || ExtensionContent.ExtensionsHeading(context) is not HeadingInfo ext) return;
        var subs = ExtensionContent.Subsections(context, ext);
        var names = NewsletterLayout.ExtensionSubsections;
        int Index(HeadingInfo h) => Array.FindIndex(names, n => string.Equals(n, h.Text, StringComparison.OrdinalIgnoreCase));

        HeadingInfo? max = null;
        foreach (var h in subs)
        {
            if (max is not null && Index(h) < Index(max))
            {
                Report(context, h.Offset, h.Length, $"'### {h.Text}' must come before '### {max.Text}' (order: {string.Join(", ", names)}).");
                continue;
            }
            max = h;
        }
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (subs.Any(h => Index(h) == i)) continue;
            var next = subs.FirstOrDefault(h => Index(h) > i);
            var offset = next is not null ? next.Offset : ExtensionContent.ContentEndOffset(context, ext);
            var (intro, placeholder) = NewsletterLayout.ExtensionDefaults(name);
            var block = $"### {name}\n\n" + (intro is null ? "" : intro + "\n\n") + $"- {placeholder}\n";
            var fix = Edits.Fix($"Add '### {name}' with its placeholder", Edits.InsertBlock(context, offset, block));
            var at = next ?? ext;
            Report(context, at.Offset, at.Length,
                $"The subsection '### {name}' is missing from Extensions and specifications: add it with its entries or '{placeholder}'.", fix);
        }
    }
}
