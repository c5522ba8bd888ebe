namespace DraftPad.Lint.Tests;

/// <summary>Each rule on a small text: exactly where it reports (line, column, length, and the text in range).</summary>
public sealed class RuleRangeTests
{
    private const string Fm = "---\ntitle: The XMPP Newsletter January 2026\ndate: 2026-02-05\ncategories: ['Newsletter']\n";

    private static int LineOf(string text, string line) => text[..text.IndexOf(line, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    private static LintDiagnostic One(string id, string text)
    {
        var found = NewsletterLinter.Default.LintWithRule(id, text, LintRulesDocTests.ExampleOptions);
        return Assert.Single(found);
    }

    private static void At(string id, string text, int line, int column, string inRange)
    {
        var d = One(id, text);
        Assert.Equal(id, d.RuleId);
        Assert.Equal(line, d.Range.Line);
        Assert.Equal(column, d.Range.Column);
        Assert.Equal(inRange.Length, d.Range.Length);
        Assert.Equal(inRange, text.Substring(d.Range.Offset, d.Range.Length));
    }

    [Fact] public void NL001_missing_front_matter_is_reported_on_the_first_line() => At("NL001", "## XSF Announcements\n", 1, 1, "## XSF Announcements");

    [Fact] public void NL001_invalid_yaml_is_reported_where_the_parser_stops() =>
        At("NL001", "---\ntitle: The XMPP Newsletter: January 2026\ndate: 2026-02-05\n---\n", 2, 27, ": January 2026");

    [Fact] public void NL002_title_value() => At("NL002", "---\ntitle: The XMPP Newsletter December 2025\ndate: 2026-02-05\n---\n", 2, 8, "The XMPP Newsletter December 2025");

    [Fact] public void NL003_date_value() => At("NL003", "---\ntitle: The XMPP Newsletter January 2026\ndate: 2026-01-20\n---\n", 3, 7, "2026-01-20");

    [Fact] public void NL004_date_value() => At("NL004", "---\ntitle: x\ndate: 2026-02-08\n---\n", 3, 7, "2026-02-08");

    [Fact] public void NL005_categories_value() => At("NL005", Fm.Replace("['Newsletter']", "['News']", StringComparison.Ordinal) + "---\n", 4, 13, "['News']");

    [Fact] public void NL006_empty_summary_value() => At("NL006", Fm + "summary: \"In this issue: \"\n---\n", 5, 10, "\"In this issue: \"");

    [Fact] public void NL007_unknown_key() => At("NL007", Fm + "draft: true\n---\n", 5, 1, "draft");

    [Fact]
    public void NL010_heading_line_and_fix()
    {
        var text = "Intro.\n\n###XSF Announcements\n";
        At("NL010", text, 3, 1, "###XSF Announcements");
        var fix = One("NL010", text).Fix!;
        Assert.Equal([new TextEdit(11, 0, " ")], fix.Edits);
    }

    [Fact] public void NL010_heading_inside_a_paragraph() => At("NL010", "Some text.\n##XMPP Articles\n", 2, 1, "##XMPP Articles");

    [Fact] public void NL010_a_hashtag_opening_a_sentence_is_not_a_heading() =>
        Assert.Empty(NewsletterLinter.Default.LintWithRule("NL010", "#XMPP is the protocol\nof choice.\n\nText #FOSDEM.\n"));

    [Fact] public void NL011_level_one_section() => At("NL011", "# Videos and Talks\n", 1, 1, "# Videos and Talks");

    [Fact] public void NL012_orphan_topic() => At("NL012", "Welcome.\n\n### XSF Membership\n", 3, 1, "### XSF Membership");

    [Fact] public void NL013_unknown_section() => At("NL013", "## XMPP Gossip\n", 1, 1, "## XMPP Gossip");

    [Fact] public void NL014_typo_range_is_the_heading_text() => At("NL014", "## XSF Annoucements\n", 1, 4, "XSF Annoucements");

    [Fact]
    public void NL014_cyrillic_letter_is_a_typo()
    {
        var d = One("NL014", "## XMPP Аrticles\n");
        Assert.Equal("XMPP Articles", d.Fix!.Edits[0].NewText);
    }

    [Fact] public void NL015_second_occurrence_of_an_aliased_section() => At("NL015", "## Events\n\n## XMPP Events\n", 3, 1, "## XMPP Events");

    [Fact] public void NL016_section_out_of_order() => At("NL016", "## License\n\n## XMPP Articles\n", 3, 1, "## XMPP Articles");

    [Fact]
    public void NL017_missing_last_section_is_reported_at_the_end()
    {
        var text = NewsletterSkeleton.Create(2026, 1);
        text = text[..text.IndexOf("## License", StringComparison.Ordinal)];
        var d = One("NL017", text);
        Assert.Equal(text.Length, d.Range.Offset);
        Assert.Equal(0, d.Range.Length);
        Assert.Equal((text.Count(c => c == '\n') + 1, 1), (d.Range.Line, d.Range.Column));
        Assert.Contains("## License", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NL017_missing_middle_section_is_reported_at_the_next_one()
    {
        var text = NewsletterSkeleton.Create(2026, 1).Replace("## Spread the news", "## Spread the word", StringComparison.Ordinal);
        var d = One("NL017", text);
        Assert.Equal("## Help us to build the newsletter", text.Substring(d.Range.Offset, d.Range.Length));
        Assert.Equal((LineOf(text, "## Help us to build the newsletter"), 1, 34), (d.Range.Line, d.Range.Column, d.Range.Length));
    }

    [Fact]
    public void NL020_missing_subsection_is_reported_at_the_next_one()
    {
        var text = NewsletterSkeleton.Create(2026, 1);
        var start = text.IndexOf("### Deferred", StringComparison.Ordinal);
        text = text.Remove(start, text.IndexOf("### Updated", StringComparison.Ordinal) - start);
        var d = One("NL020", text);
        Assert.Equal("### Updated", text.Substring(d.Range.Offset, d.Range.Length));
        Assert.Equal((LineOf(text, "### Updated"), 1, 11), (d.Range.Line, d.Range.Column, d.Range.Length));
        Assert.Equal(NewsletterSkeleton.Create(2026, 1), TextEdits.Apply(text, d.Fix!.Edits));
    }

    [Fact]
    public void NL021_empty_subsection_is_reported_at_its_heading_and_the_fix_restores_the_placeholder()
    {
        var skeleton = NewsletterSkeleton.Create(2026, 1);
        var text = skeleton.Replace("- No new XEPs this month.\n\n", "", StringComparison.Ordinal);
        At("NL021", text, text[..text.IndexOf("### New", StringComparison.Ordinal)].Count(c => c == '\n') + 1, 1, "### New");
        Assert.Equal(skeleton, TextEdits.Apply(text, One("NL021", text).Fix!.Edits));
    }

    [Fact]
    public void NL021_placeholder_next_to_entries_is_the_range()
    {
        var text = "## Extensions and specifications\n\n### Updated\n\n- No XEPs updated this month.\n- Version 1.1.0 of [XEP-0386](/extensions/xep-0386.html) (Bind 2)\n";
        At("NL021", text, 5, 3, "No XEPs updated this month.");
        Assert.Equal("## Extensions and specifications\n\n### Updated\n\n- Version 1.1.0 of [XEP-0386](/extensions/xep-0386.html) (Bind 2)\n",
            TextEdits.Apply(text, One("NL021", text).Fix!.Edits));
    }

    [Fact] public void NL022_placeholder_text() => At("NL022", "## Extensions and specifications\n\n### Stable\n\n- No XEPs deprecated this month.\n", 5, 3, "No XEPs deprecated this month.");

    [Fact] public void NL030_link() => At("NL030", "- Version 1.35.3 of [XEP-0054](/extensions/xep-0045.html) (Multi-User Chat)\n", 1, 21, "[XEP-0054](/extensions/xep-0045.html)");

    [Fact] public void NL031_url() => At("NL031", "See [XEP-0045](https://xmpp.org/extensions/xep-0045.html#enter).\n", 1, 16, "https://xmpp.org/extensions/xep-0045.html#enter");

    [Fact]
    public void NL031_before_2025_02_expects_absolute_links()
    {
        var text = "See [XEP-0045](/extensions/xep-0045.html).\n";
        var d = Assert.Single(NewsletterLinter.Default.LintWithRule("NL031", text, new LintOptions { ReleaseDate = new DateOnly(2024, 10, 5) }));
        Assert.Equal("https://xmpp.org/extensions/xep-0045.html", d.Fix!.Edits[0].NewText);
        Assert.Empty(NewsletterLinter.Default.LintWithRule("NL031", "See [XEP-0045](https://xmpp.org/extensions/xep-0045.html).\n", new LintOptions { ReleaseDate = new DateOnly(2024, 10, 5) }));
    }

    [Fact] public void NL032_link() => At("NL032", "- [Gajim]() has released version 2.4.3.\n", 1, 3, "[Gajim]()");

    [Fact] public void NL033_link() => At("NL033", "- [Gajim](url) has released version 2.4.3.\n", 1, 3, "[Gajim](url)");

    [Fact]
    public void NL034_second_entry_link() => At("NL034",
        "## XMPP Articles\n\n- [A](https://blog.example.net/post/1) by me.\n- [B](https://blog.example.net/post/1/) again.\n", 4, 3, "[B](https://blog.example.net/post/1/)");

    [Fact] public void NL035_link() => At("NL035", "Read more [at the bottom](#help-us-to-build-the-newsletter).\n\n## Help us build the newsletter\n", 1, 11, "[at the bottom](#help-us-to-build-the-newsletter)");

    [Fact] public void NL035_matches_hugo_anchors() =>
        Assert.Empty(NewsletterLinter.Default.LintWithRule("NL035", "[a](#newsletter-contributors--translations)\n\n### Newsletter Contributors & Translations\n"));

    [Fact] public void NL036_image() => At("NL036", "Look: ![Gajim](/images/newsletter/2026-02-05/gajim.png)\n", 1, 7, "![Gajim](/images/newsletter/2026-02-05/gajim.png)");

    [Fact] public void NL040_unclosed_shortcode_to_line_end() => At("NL040", "{{< figure src=\"/a.png\" }}\n\nText.\n", 1, 1, "{{< figure src=\"/a.png\" }}");

    [Fact] public void NL041_shortcode() => At("NL041", "Before {{< image src=\"/a.png\" >}} after\n", 1, 8, "{{< image src=\"/a.png\" >}}");

    [Fact] public void NL041_closing_tag() => At("NL041", "{{< figure src=\"/a.png\" >}}{{< /figure >}}\n", 1, 28, "{{< /figure >}}");

    [Fact] public void NL042_shortcode() => At("NL042", "{{< figure caption=\"Booth\" >}}\n", 1, 1, "{{< figure caption=\"Booth\" >}}");

    [Fact] public void NL043_parameter() => At("NL043", "{{< figure src=\"/images/newsletter/2026-02-05/a.png\" captoin=\"Summit 28\" >}}\n", 1, 54, "captoin=\"Summit 28\"");

    [Fact] public void NL044_src_value() => At("NL044", "{{< figure src=\"/images/newsletter/2026-01-05/booth.jpg\" >}}\n", 1, 17, "/images/newsletter/2026-01-05/booth.jpg");

    [Fact]
    public void NL044_accepts_the_banner_site_images_and_the_planned_folder_of_a_slipped_release()
    {
        const string text = "{{< figure src=\"/images/newsletter/xmpp_newsletter_banner.jpg\" >}}\n\n{{< figure src=\"/images/logos/gsoc.svg\" >}}\n\n{{< figure src=\"/images/newsletter/2026-02-05/a.png\" >}}\n";
        Assert.Empty(NewsletterLinter.Default.LintWithRule("NL044", text, new LintOptions { ReleaseDate = new DateOnly(2026, 2, 10) }));
    }

    [Fact] public void NL050_comment() => At("NL050", "## XMPP Events\n\nText <!-- a note --> more.\n", 3, 6, "<!-- a note -->");

    [Fact] public void NL050_comments_in_code_are_text() => Assert.Empty(NewsletterLinter.Default.LintWithRule("NL050", "Use `<!-- x -->`.\n\n```html\n<!-- y -->\n```\n"));

    [Fact] public void NL051_comment_to_line_end() => At("NL051", "Text.\n\n<!-- ask Daniel\n\n## XMPP Articles\n", 3, 1, "<!-- ask Daniel");

    [Fact] public void NL052_whole_line() => At("NL052", "- [Gajim](https://gajim.org/)\n  - TODO: changelog\n", 2, 1, "  - TODO: changelog");

    [Fact] public void NL052_todo_must_be_a_word() => Assert.Empty(NewsletterLinter.Default.LintWithRule("NL052", "TODOS are fine.\nToday TODO is not at the start.\n"));

    [Fact] public void NL060_period() => At("NL060", "Welcome!\nThis issue covers the month of December 2025.\n", 2, 32, "December 2025");

    [Fact]
    public void Ranges_count_utf16_code_units_and_survive_crlf()
    {
        // U+1F600 is two UTF-16 code units; CRLF line breaks count as two.
        var text = "Hello \U0001F600 [x](url)\r\n\r\n- [y](url)\r\n";
        var found = NewsletterLinter.Default.LintWithRule("NL033", text);
        Assert.Equal(2, found.Count);
        Assert.Equal((1, 10, 8), (found[0].Range.Line, found[0].Range.Column, found[0].Range.Length));
        Assert.Equal("[x](url)", text.Substring(found[0].Range.Offset, found[0].Range.Length));
        Assert.Equal((3, 3), (found[1].Range.Line, found[1].Range.Column));
        Assert.Equal("[y](url)", text.Substring(found[1].Range.Offset, found[1].Range.Length));
    }
}
