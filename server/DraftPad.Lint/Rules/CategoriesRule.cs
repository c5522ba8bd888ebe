using YamlDotNet.RepresentationModel;

namespace DraftPad.Lint.Rules;

/// <summary>NL005: the categories list the Newsletter category.</summary>
internal sealed class CategoriesRule() : Rule("NL005", LintSeverity.Error, "categories")
{
    public override void Check(LintContext context)
    {
        var fm = context.FrontMatter;
        if (fm is null || fm.Error is not null || fm.NotAMapping) return;
        var categories = fm["categories"];
        if (categories is null)
        {
            Report(context, 0, context.Lines.LineEnd(0), "The front matter has no categories: add \"categories: ['Newsletter']\", or the post is missing from the newsletter list.");
            return;
        }
        var ok = categories.Value switch
        {
            YamlSequenceNode seq => seq.Children.Any(c => c is YamlScalarNode s && s.Value == "Newsletter"),
            YamlScalarNode s => s.Value == "Newsletter",
            _ => false,
        };
        if (!ok)
        {
            Report(context, categories.ValueOffset, categories.ValueLength, "The categories must include 'Newsletter' (\"categories: ['Newsletter']\").");
        }
    }
}
