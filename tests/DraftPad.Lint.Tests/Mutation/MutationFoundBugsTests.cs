namespace DraftPad.Lint.Tests.Mutation;

/// <summary>The linter bugs the mutation tests found, pinned as plain examples.</summary>
public sealed class MutationFoundBugsTests
{
    private static readonly LintOptions January2026 = LintRulesDocTests.ExampleOptions;

    [Fact]
    public void An_unclosed_quote_ends_at_its_line_and_the_next_figures_are_still_checked()
    {
        // Hugo rejects a newline inside a "quoted" shortcode value. Before the fix the value ran on to the next quote
        // (the src of the next figure), the broken figure was not reported and the next one was swallowed.
        const string text =
            "{{< figure src=\"/images/newsletter/2026-02-05/a.png\" caption=\"Summit >}}\n\n" +
            "Text.\n\n" +
            "{{< image src=\"/images/newsletter/2026-02-05/b.png\" caption=\"B\" >}}\n";
        var findings = NewsletterLinter.Default.Lint(text, January2026);
        var nl040 = Assert.Single(findings, d => d.RuleId == "NL040");
        Assert.Equal(new SourceRange(0, text.IndexOf('\n', StringComparison.Ordinal), 1, 1), nl040.Range);
        var nl041 = Assert.Single(findings, d => d.RuleId == "NL041");
        Assert.Equal(5, nl041.Range.Line);
    }

    [Fact]
    public void A_raw_string_value_may_still_span_lines()
    {
        const string text = "{{< figure src=\"/images/newsletter/2026-02-05/a.png\" caption=`two\nlines` >}}\n";
        Assert.Empty(NewsletterLinter.Default.LintWithRule("NL040", text, January2026));
    }

    [Fact]
    public void Removing_a_placeholder_keeps_a_whitespace_only_line_after_it()
    {
        // A list item's span takes in a following line of spaces; the fix removed that line too.
        const string text =
            "## Extensions and specifications\n\n### Updated\n\n" +
            "- Version 1.1.0 of [XEP-0386](/extensions/xep-0386.html) (Bind 2)\n" +
            "- No XEPs updated this month.\n" +
            "  \n" +
            "### Last Call\n\n- No Last Call this month.\n";
        var d = Assert.Single(NewsletterLinter.Default.LintWithRule("NL021", text, January2026));
        Assert.Equal(6, d.Range.Line);
        Assert.Equal(text.Replace("- No XEPs updated this month.\n", "", StringComparison.Ordinal), TextEdits.Apply(text, d.Fix!.Edits));
    }

    [Fact]
    public void A_heading_without_space_that_continues_a_list_item_is_reported()
    {
        // Without the blank line, "##XMPP Articles" continues the entry above (a lazy continuation line of the list
        // item's paragraph); only paragraphs at the root were checked.
        const string text = "## XMPP Events\n\n- [Sprint](https://wiki.xmpp.org/web/Sprints)\n##XMPP Articles\n\n> A quote\n###XMPP Servers\n";
        var findings = NewsletterLinter.Default.LintWithRule("NL010", text, January2026);
        Assert.Equal([(4, 1, 15), (7, 1, 15)], findings.Select(d => (d.Range.Line, d.Range.Column, d.Range.Length)));
        Assert.Equal(text.Replace("##XMPP", "## XMPP", StringComparison.Ordinal).Replace("###XMPP", "### XMPP", StringComparison.Ordinal),
            LintFixer.FixAll(new NewsletterLinter(NewsletterLinter.Default.Rules.Where(r => r.Id == "NL010")), text, January2026).Text);
    }

    [Fact]
    public void An_indented_hash_line_inside_a_list_item_is_left_alone()
    {
        const string text = "- An entry\n  #hashtag and more\n- [Gajim](https://gajim.org/)\n  ##\n";
        Assert.Empty(NewsletterLinter.Default.LintWithRule("NL010", text, January2026));
    }
}
