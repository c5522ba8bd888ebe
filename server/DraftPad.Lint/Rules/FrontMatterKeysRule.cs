namespace DraftPad.Lint.Rules;

/// <summary>NL007: the front matter uses only the keys newsletters use.</summary>
internal sealed class FrontMatterKeysRule() : Rule("NL007", LintSeverity.Warning, "front-matter-keys")
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "title", "date", "categories", "summary", "author", "aliases" };

    public override void Check(LintContext context)
    {
        var fm = context.FrontMatter;
        if (fm is null || fm.Error is not null) return;
        foreach (var e in fm.Entries)
        {
            if (Known.Contains(e.Key)) continue;
            var message = e.Key == "draft"
                ? "Remove 'draft' from the front matter: a draft post is not published."
                : $"Unknown front matter key '{e.Key}': newsletters use title, date, categories and summary; remove it or check its spelling.";
            Report(context, e.KeyOffset, e.KeyLength, message);
        }
    }
}
