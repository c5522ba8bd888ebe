
namespace DraftPad.Lint.Tests;

/// <summary>The public helpers: text edits, editor notes, fix-all, robustness and order (speed is measured by the lint benchmark).</summary>
public sealed class ApiTests
{
    [Fact]
    public void Edits_apply_back_to_front_and_insertions_keep_their_order()
    {
        var result = TextEdits.Apply("abcdef", [new TextEdit(4, 2, "X"), new TextEdit(0, 1, ""), new TextEdit(2, 0, "1"), new TextEdit(2, 0, "2")]);
        Assert.Equal("b12cdX", result);
    }

    [Fact]
    public void Overlapping_or_outside_edits_are_refused()
    {
        Assert.Throws<ArgumentException>(() => TextEdits.Apply("abcdef", [new TextEdit(1, 3, "x"), new TextEdit(2, 1, "y")]));
        Assert.Throws<ArgumentException>(() => TextEdits.Apply("abc", [new TextEdit(2, 5, "x")]));
        Assert.Throws<ArgumentException>(() => TextEdits.Apply("abc", [new TextEdit(-1, 0, "x")]));
        Assert.Equal("abc", TextEdits.Apply("abc", []));
    }

    [Fact]
    public void Strip_removes_comment_lines_inline_comments_and_todo_lines()
    {
        const string text = "## XMPP Events\n\n<!-- Events go here. -->\n\n- [Sprint](https://wiki.xmpp.org/web/Sprints) <!-- check date -->\n- Item\n  TODO: add the Berlin sprint\n\nText <!-- a --> more.\n";
        Assert.Equal("## XMPP Events\n\n- [Sprint](https://wiki.xmpp.org/web/Sprints)\n- Item\n\nText  more.\n", EditorNotes.Strip(text));
    }

    [Fact]
    public void Strip_keeps_code_and_unclosed_comments()
    {
        const string text = "Use `<!-- x -->` here.\n\n```\n<!-- y -->\nTODO in code\n```\n\n<!-- open\n";
        Assert.Equal(text, EditorNotes.Strip(text));
    }

    [Fact]
    public void Strip_removes_multi_line_comments()
    {
        Assert.Equal("A\n\nB\n", EditorNotes.Strip("A\n\n<!-- one\ntwo -->\n\nB\n"));
        Assert.Equal("", EditorNotes.Strip(""));
    }

    [Fact]
    public void Fix_all_applies_every_safe_fix_until_stable()
    {
        var skeleton = NewsletterSkeleton.Create(2026, 1);
        var broken = skeleton
            .Replace("This issue covers the month of January 2026.", "This issue covers the month of December 2025.", StringComparison.Ordinal)
            .Replace("## XMPP Articles", "##XMPP Articles", StringComparison.Ordinal)
            .Replace("## Extensions and specifications", "### Extensions and specifications", StringComparison.Ordinal)
            .Replace("- No new XEPs this month.\n\n", "", StringComparison.Ordinal)
            .Replace("### Deprecated\n\n- No XEPs deprecated this month.\n\n", "", StringComparison.Ordinal)
            .Replace("[XEP-0001](/extensions/xep-0001.html)", "[XEP-0001](https://xmpp.org/extensions/xep-0001.html)", StringComparison.Ordinal);
        var options = new LintOptions { Year = 2026, Month = 1, ReleaseDate = new DateOnly(2026, 2, 5) };
        Assert.Contains(NewsletterLinter.Default.Lint(broken, options), d => d.Severity == LintSeverity.Error);
        var (fixedText, applied) = LintFixer.FixAll(broken, options);
        Assert.Equal(skeleton, fixedText);
        Assert.Equal(6, applied);
        Assert.Equal((fixedText, 0), LintFixer.FixAll(fixedText, options));
    }

    [Fact]
    public void Findings_are_sorted_by_offset()
    {
        foreach (var (_, release, text) in Corpus.Issues())
        {
            var found = NewsletterLinter.Default.Lint(text, Corpus.OptionsFor(release));
            for (var i = 1; i < found.Count; i++) Assert.True(found[i - 1].Range.Offset <= found[i].Range.Offset);
        }
    }

    [Fact]
    public void Lint_never_throws_on_odd_input()
    {
        string[] odd =
        [
            "", "\n", "---", "---\n", "---\n---\n", "---\n: :\n---\n", "---\n- a\n- b\n---\n", "---\ntitle: [\n---\n", "#", "######", "####### x", "###x",
            "{{<", "{{< >}}", "{{< /", "{{< figure src=\"", "{{% x %}}", "{{< figure src=`a` >}}", "<!--", "<!-- -->", "-->", "[](", "[]()", "![]()", "[a](#)",
            "\r\n\r\n## Extensions and specifications\r\n### New\r\n", "\0\0\0", "\uD800", "TODO", "  - TODO", "This issue covers the month of ",
            "This issue covers the month of February", "---\ndate: 99999-99-99\n---\n", "---\ntitle: The XMPP Newsletter December 9999\n---\n",
            "---\ntitle: The XMPP Newsletter January 0001\n---\n",
        ];
        foreach (var text in odd)
        {
            foreach (var options in new LintOptions?[] { null, new() { Year = 9999, Month = 12 }, new() { Year = 1, Month = 1, ReleaseDate = DateOnly.MinValue }, new() { Month = 13, ReleaseDate = DateOnly.MaxValue } })
            {
                var found = NewsletterLinter.Default.Lint(text, options);
                Assert.DoesNotContain(found, d => d.RuleId == NewsletterLinter.InternalErrorId);
                _ = LintFixer.FixAll(text, options);
            }
            _ = EditorNotes.Strip(text);
        }
        Assert.NotNull(NewsletterLinter.Default.Lint(null!));
    }

    [Fact]
    public void Lint_never_throws_on_cut_and_shuffled_issues()
    {
        var random = new Random(4);
        foreach (var (_, release, text) in Corpus.Issues().Where((_, i) => i % 5 == 0))
        {
            for (var k = 0; k < 20; k++)
            {
                var a = random.Next(text.Length);
                var b = random.Next(a, Math.Min(text.Length, a + 2000));
                var mutated = k % 2 == 0 ? text[..a] + text[b..] : text.Insert(a, text[a..b]);
                var found = NewsletterLinter.Default.Lint(mutated, Corpus.OptionsFor(release));
                Assert.DoesNotContain(found, d => d.RuleId == NewsletterLinter.InternalErrorId);
                _ = LintFixer.FixAll(mutated, Corpus.OptionsFor(release));
            }
        }
    }
}
