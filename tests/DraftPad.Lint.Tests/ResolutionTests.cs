namespace DraftPad.Lint.Tests;

/// <summary>How the covered month and the release date are resolved (docs/lint-rules.md, "Covered month and release date").</summary>
public sealed class ResolutionTests
{
    private static LintContext Context(string text, LintOptions? options = null) => new(text, options ?? new LintOptions(), []);

    private static readonly DateOnly Jan2026 = new(2026, 1, 1);

    [Fact]
    public void The_options_month_wins_over_the_title_and_the_planned_date_over_the_front_matter()
    {
        var c = Context("---\ntitle: The XMPP Newsletter December 2025\ndate: 2026-02-08\n---\n", new LintOptions { Year = 2026, Month = 1, ReleaseDate = new DateOnly(2026, 2, 5) });
        Assert.Equal([Jan2026], c.CoveredMonths);
        Assert.Equal(new DateOnly(2026, 2, 5), c.ReleaseDate);
    }

    [Fact]
    public void A_combined_title_naming_the_options_month_gives_both_months()
    {
        var c = Context("---\ntitle: The XMPP Newsletter December 2023 & January 2024\n---\n", new LintOptions { Year = 2024, Month = 1 });
        Assert.Equal([new DateOnly(2023, 12, 1), new DateOnly(2024, 1, 1)], c.CoveredMonths);
        Assert.Equal(new DateOnly(2024, 2, 5), c.ReleaseDate);
    }

    [Fact]
    public void Without_options_the_title_and_the_front_matter_date_decide()
    {
        var c = Context("---\ntitle: The XMPP Newsletter June & July 2023\ndate: 2023-08-11\n---\n");
        Assert.Equal([new DateOnly(2023, 6, 1), new DateOnly(2023, 7, 1)], c.CoveredMonths);
        Assert.Equal(new DateOnly(2023, 8, 11), c.ReleaseDate);
        Assert.False(c.IsCurrentLayout);
    }

    [Fact]
    public void Then_the_welcome_sentence_then_the_month_before_the_release()
    {
        Assert.Equal([Jan2026], Context("This issue covers the month of January 2026.\n").CoveredMonths);
        var c = Context("---\ndate: 2026-02-05\n---\n");
        Assert.Equal([Jan2026], c.CoveredMonths);
    }

    [Fact]
    public void With_nothing_known_the_month_is_unknown_and_the_current_layout_applies()
    {
        var c = Context("## XSF Announcements\n");
        Assert.Empty(c.CoveredMonths);
        Assert.Null(c.ReleaseDate);
        Assert.True(c.IsCurrentLayout);
    }

    [Fact]
    public void The_current_layout_starts_with_the_2024_06_release()
    {
        Assert.False(Context("", new LintOptions { ReleaseDate = new DateOnly(2024, 5, 31) }).IsCurrentLayout);
        Assert.True(Context("", new LintOptions { ReleaseDate = new DateOnly(2024, 6, 1) }).IsCurrentLayout);
    }
}
