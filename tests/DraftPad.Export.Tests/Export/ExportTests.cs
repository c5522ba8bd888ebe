using DraftPad.Export.GitHub;
using DraftPad.Export.Rendering;
using DraftPad.Export.Tests.Support;
using DraftPad.FakeGitHub;
using static DraftPad.Export.Tests.Support.ExportHarness;

namespace DraftPad.Export.Tests.Export;

/// <summary>
/// Exports through the real Octokit client over HTTP against the fake GitHub; after each, a real
/// <c>git clone</c> of the branch must hold exactly the base's files plus the export's.
/// </summary>
public sealed class ExportTests
{
    [Fact]
    public async Task First_export_creates_the_branch_one_commit_and_the_pull_request()
    {
        await using var h = await StartAsync();
        var master = (await h.Server.BranchHeadAsync("master"))!;
        var request = Request();

        var result = await h.Exporter.ExportAsync(request);

        Assert.Equal(ExportOutcome.Created, result.Outcome);
        Assert.Equal(Branch, result.Branch);
        Assert.Equal(result.Commit, await h.Server.BranchHeadAsync(Branch));
        Assert.Equal([result.Commit!], await h.NewCommitsAsync(Branch, "master"));
        var commit = (await h.Server.Repository.ReadCommitAsync(result.Commit!))!;
        Assert.Equal([master], commit.Parents);
        Assert.StartsWith("Newsletter November 2026: export from DraftPad\n", commit.Message, StringComparison.Ordinal);
        Assert.Contains(NewsletterExporter.TreeTrailer + commit.Tree, commit.Message, StringComparison.Ordinal);
        Assert.Equal("draftpad-bot", commit.Author.Name);

        var pr = Assert.Single(h.Server.PullRequests);
        Assert.Equal(pr.Number, result.PullRequestNumber);
        Assert.Equal($"{h.Server.BaseAddress}xsf/xmpp.org/pull/{pr.Number}", result.PullRequestUrl);
        Assert.Equal("Draft: The XMPP Newsletter November 2026", pr.Title);
        Assert.Equal(PullRequestText.Body(request), pr.Body);
        Assert.Contains("- Planned release date: **2026-12-05**", pr.Body, StringComparison.Ordinal);
        Assert.Equal((Branch, "master", "open"), (pr.Head, pr.Base, pr.State));
        Assert.Equal(["Newsletter :email:"], pr.Labels);
        Assert.Equal(["wurstsalat3000", "edhelas"], pr.RequestedReviewers);

        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?> { [PostPath] = Utf8(Post()) });
        Assert.All(h.Server.Requests, r => Assert.True(r.UnderApiV3, r.ToString()));
        Assert.All(h.Server.Requests, r => Assert.Equal("token", r.AuthScheme));
    }

    [Fact]
    public async Task A_missing_label_is_not_created_and_not_applied()
    {
        await using var h = await StartAsync(s => s.Labels = ["bug"]);
        var result = await h.Exporter.ExportAsync(Request());
        Assert.Equal(ExportOutcome.Created, result.Outcome);
        Assert.Empty(Assert.Single(h.Server.PullRequests).Labels);
        Assert.Contains(h.Server.Requests, r => r.Method == "GET" && r.Path == "/repos/xsf/xmpp.org/labels/Newsletter :email:" && r.Status == 404);
        Assert.DoesNotContain(h.Server.Requests, r => r.Path.EndsWith("/labels", StringComparison.Ordinal) && r.IsWrite);
        Assert.Equal(["bug"], h.Server.Labels);
    }

    [Fact]
    public async Task Re_export_without_changes_makes_no_commit_and_leaves_the_pull_request_alone()
    {
        await using var h = await StartAsync();
        var first = await h.Exporter.ExportAsync(Request());
        var pr = Assert.Single(h.Server.PullRequests);
        h.Time.Advance(TimeSpan.FromHours(3));
        h.Server.ClearRequests();

        var again = await h.Exporter.ExportAsync(Request(lastExportCommit: first.Commit));

        Assert.Equal(ExportOutcome.NoChange, again.Outcome);
        Assert.Equal(first.Commit, again.Commit);
        Assert.Equal(pr.Number, again.PullRequestNumber);
        Assert.Equal(first.Commit, await h.Server.BranchHeadAsync(Branch));
        Assert.DoesNotContain(h.Server.Requests, r => r.IsWrite);
        Assert.Equal(pr, Assert.Single(h.Server.PullRequests));

        // The same when the pad lost track of its last export: DraftPad recognises its own commit.
        var lost = await h.Exporter.ExportAsync(Request(lastExportCommit: null));
        Assert.Equal(ExportOutcome.NoChange, lost.Outcome);
        Assert.DoesNotContain(h.Server.Requests, r => r.IsWrite);
    }

    [Fact]
    public async Task Re_export_with_changes_adds_exactly_one_commit_and_updates_the_pull_request()
    {
        await using var h = await StartAsync();
        var first = await h.Exporter.ExportAsync(Request());
        var changed = Post("- [Gajim](https://gajim.org) has released version 2.4.\n");

        var second = await h.Exporter.ExportAsync(Request(changed, lastExportCommit: first.Commit, phase: ExportPhase.Review));

        Assert.Equal(ExportOutcome.Updated, second.Outcome);
        Assert.Equal([first.Commit!, second.Commit!], await h.NewCommitsAsync(Branch, "master"));
        Assert.Equal([first.Commit!], (await h.Server.Repository.ReadCommitAsync(second.Commit!))!.Parents);
        var pr = Assert.Single(h.Server.PullRequests);
        Assert.Equal(first.PullRequestNumber, second.PullRequestNumber);
        Assert.Equal("Review: The XMPP Newsletter November 2026", pr.Title);
        Assert.Contains("- Pad is closed for November 2026!", pr.Body, StringComparison.Ordinal);
        Assert.Equal(1, pr.Edits);
        Assert.Equal(["Newsletter :email:"], pr.Labels);
        Assert.Single(h.Server.Requests, r => r.Path.EndsWith("/requested_reviewers", StringComparison.Ordinal));
        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?> { [PostPath] = Utf8(changed) });
    }

    [Fact]
    public async Task When_the_base_moved_the_export_is_rebuilt_on_the_new_base()
    {
        await using var h = await StartAsync();
        var first = await h.Exporter.ExportAsync(Request());
        var newBase = await h.Server.MoveBaseAsync(new Dictionary<string, byte[]?>
        {
            ["README.md"] = Utf8("# xmpp.org\n\nUpdated.\n"),
            ["content/blog/2026-11-20-summit.md"] = Utf8("---\ntitle: Summit\n---\n"),
            ["content/blog/newsletter/2026-10-05-newsletter.de.md"] = null,
        }, "Blog: summit announcement");

        var second = await h.Exporter.ExportAsync(Request(lastExportCommit: first.Commit));

        Assert.Equal(ExportOutcome.Updated, second.Outcome);
        var commit = (await h.Server.Repository.ReadCommitAsync(second.Commit!))!;
        Assert.Equal([first.Commit!, newBase], commit.Parents);
        Assert.True(await h.Server.Repository.IsAncestorAsync(newBase, Branch));
        Assert.Equal([second.Commit!], await h.NewCommitsAsync(Branch, first.Commit!, "master"));
        Assert.Equal(0, Assert.Single(h.Server.PullRequests).Edits);
        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?> { [PostPath] = Utf8(Post()) });

        var third = await h.Exporter.ExportAsync(Request(lastExportCommit: second.Commit));
        Assert.Equal(ExportOutcome.NoChange, third.Outcome);
    }

    [Fact]
    public async Task A_maintainer_commit_on_the_branch_is_reported_and_nothing_is_lost()
    {
        await using var h = await StartAsync();
        var first = await h.Exporter.ExportAsync(Request());
        var edited = Post().Replace("great to have you here again!", "great to have you here again.", StringComparison.Ordinal);
        var image = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 3 };
        var maintainer = await h.Server.CommitAsync(Branch, new Dictionary<string, byte[]?>
        {
            [PostPath] = Utf8(edited),
            ["static/images/newsletter/2026-12-05/monal.png"] = image,
        }, "Fix the welcome line and add the Monal screenshot", "Edhelas", "edhelas@example.org");
        h.Server.ClearRequests();

        var result = await h.Exporter.ExportAsync(Request(Post("- [Gajim](https://gajim.org) 2.4.\n"), lastExportCommit: first.Commit));

        Assert.Equal(ExportOutcome.Conflict, result.Outcome);
        Assert.Equal(maintainer, result.Commit);
        var report = result.Conflict!;
        Assert.Equal(first.Commit, report.ExpectedCommit);
        Assert.Equal(maintainer, report.BranchHead);
        Assert.Equal([$"{maintainer[..7]} Edhelas: Fix the welcome line and add the Monal screenshot"], report.Commits);
        Assert.Equal(
            [$"{PostPath} (modified, +1 -1)", "static/images/newsletter/2026-12-05/monal.png (added, +0 -0)"],
            report.Files.Order(StringComparer.Ordinal));
        var text = report.ToString();
        Assert.Contains(maintainer[..7], text, StringComparison.Ordinal);
        Assert.Contains("Edhelas: Fix the welcome line", text, StringComparison.Ordinal);
        Assert.Contains(PostPath + " (modified", text, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", text, StringComparison.Ordinal);

        Assert.DoesNotContain(h.Server.Requests, r => r.IsWrite);
        Assert.Equal(maintainer, await h.Server.BranchHeadAsync(Branch));
        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?>
        {
            [PostPath] = Utf8(edited),
            ["static/images/newsletter/2026-12-05/monal.png"] = image,
        });

        // Once their edits are in the pad, the export agrees with the branch: no commit, no conflict.
        var merged = await h.Exporter.ExportAsync(Request(edited, [new ExportImage("monal.png", image)], lastExportCommit: first.Commit));
        Assert.Equal(ExportOutcome.NoChange, merged.Outcome);
        Assert.Equal(maintainer, merged.Commit);
    }

    [Fact]
    public async Task A_forced_export_commits_the_pad_on_top_of_the_foreign_commits()
    {
        await using var h = await StartAsync();
        var first = await h.Exporter.ExportAsync(Request());
        var maintainer = await h.Server.CommitAsync(Branch, new Dictionary<string, byte[]?>
        {
            [PostPath] = Utf8(Post("- a maintainer's line\n")),
            ["static/images/newsletter/2026-12-05/extra.png"] = [1, 2, 3],
        }, "Maintainer edit");
        var pad = Post("- the pad's line\n");

        var result = await h.Exporter.ExportAsync(Request(pad, lastExportCommit: first.Commit, force: true));

        Assert.Equal(ExportOutcome.Updated, result.Outcome);
        Assert.Equal([maintainer], (await h.Server.Repository.ReadCommitAsync(result.Commit!))!.Parents);
        Assert.Equal([first.Commit!, maintainer, result.Commit!], await h.NewCommitsAsync(Branch, "master"));
        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?> { [PostPath] = Utf8(pad) });
        Assert.DoesNotContain(h.Server.Requests, r => r.Method == "PATCH" && r.Path.Contains("/git/refs/", StringComparison.Ordinal) && r.Status != 200);
    }

    [Fact]
    public async Task Images_go_in_the_same_commit_with_blob_ids_equal_to_git_hash_object()
    {
        await using var h = await StartAsync();
        var png = new byte[3 * 1024 * 1024 + 17];
        new Random(TestSettings.Seed).NextBytes(png);
        png[1] = 0;
        var svg = Utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>\n");
        var images = new List<ExportImage> { new("cheogram-android.png", png), new("xmpp-logo.svg", svg) };

        var result = await h.Exporter.ExportAsync(Request(images: images));

        Assert.Equal(ExportOutcome.Created, result.Outcome);
        Assert.Equal([result.Commit!], await h.NewCommitsAsync(Branch, "master"));
        var changes = await h.Server.Repository.DiffAsync("master", Branch);
        Assert.Equal(
            [PostPath, "static/images/newsletter/2026-12-05/cheogram-android.png", "static/images/newsletter/2026-12-05/xmpp-logo.svg"],
            changes.Select(c => c.Path).Order(StringComparer.Ordinal));
        var files = await h.Server.ListFilesAsync(Branch);
        foreach (var image in images)
        {
            var path = "static/images/newsletter/2026-12-05/" + image.Name;
            var gitSha = await h.Server.Repository.HashObjectAsync(image.Content);
            Assert.Equal(gitSha, files[path]);
            Assert.Equal(gitSha, GitObjects.BlobSha(image.Content));
        }
        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?>
        {
            [PostPath] = Utf8(Post()),
            ["static/images/newsletter/2026-12-05/cheogram-android.png"] = png,
            ["static/images/newsletter/2026-12-05/xmpp-logo.svg"] = svg,
        });

        // An image removed from the pad leaves the branch; an unchanged one is not uploaded again.
        h.Server.ClearRequests();
        var second = await h.Exporter.ExportAsync(Request(images: [images[0]], lastExportCommit: result.Commit));
        Assert.Equal(ExportOutcome.Updated, second.Outcome);
        Assert.DoesNotContain(h.Server.Requests, r => r.Path.EndsWith("/git/blobs", StringComparison.Ordinal));
        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?>
        {
            [PostPath] = Utf8(Post()),
            ["static/images/newsletter/2026-12-05/cheogram-android.png"] = png,
        });
    }

    [Fact]
    public async Task A_new_release_date_moves_the_post_and_its_image_folder()
    {
        await using var h = await StartAsync();
        var first = await h.Exporter.ExportAsync(Request(images: [new ExportImage("a.png", [1, 2])]));
        var second = await h.Exporter.ExportAsync(Request(images: [new ExportImage("a.png", [1, 2])], lastExportCommit: first.Commit, releaseDate: new DateOnly(2026, 12, 10)));
        Assert.Equal(ExportOutcome.Updated, second.Outcome);
        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?>
        {
            ["content/blog/newsletter/2026-12-10-newsletter.md"] = Utf8(Post()),
            ["static/images/newsletter/2026-12-10/a.png"] = [1, 2],
        });
    }

    [Fact]
    public async Task Bad_credentials_fail_clearly_without_the_token_in_the_message()
    {
        const string wrong = "ghp_ThisIsTheWrongTokenAndASecret0123456789";
        await using var h = await StartAsync(github: o => o.Token = wrong);

        var error = await Assert.ThrowsAsync<GitHubExportException>(() => h.Exporter.ExportAsync(Request()));

        Assert.Equal(401, error.StatusCode);
        Assert.Contains("refused the credentials", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bad credentials", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeGitHubOptions.DefaultToken, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(h.Server.Requests, r => r.IsWrite);
        Assert.Null(await h.Server.BranchHeadAsync(Branch));
        Assert.Empty(h.Delay.Waits);

        await using var none = await StartAsync(github: o => o.Token = null);
        var missing = await Assert.ThrowsAsync<GitHubExportException>(() => none.Exporter.ExportAsync(Request()));
        Assert.Contains("No GitHub credentials", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_primary_rate_limit_is_waited_out_until_its_reset_then_the_export_succeeds()
    {
        await using var h = await StartAsync();
        h.Server.RateLimitNext(2, RateLimitKind.Primary, TimeSpan.FromSeconds(30), r => r.IsWrite);

        var result = await h.Exporter.ExportAsync(Request());

        Assert.Equal(ExportOutcome.Created, result.Outcome);
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)], h.Delay.Waits);
        Assert.Equal(2, h.Server.Requests.Count(r => r.Status == 403));
        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?> { [PostPath] = Utf8(Post()) });
    }

    [Fact]
    public async Task Secondary_rate_limits_are_retried_after_Retry_After()
    {
        await using var h = await StartAsync();
        h.Server.RateLimitNext(1, RateLimitKind.Secondary, TimeSpan.FromSeconds(7), r => r.IsWrite);
        h.Server.RateLimitNext(1, RateLimitKind.SecondaryTooManyRequests, TimeSpan.FromSeconds(3));
        h.Server.RateLimitNext(1, RateLimitKind.PrimaryTooManyRequests, TimeSpan.FromSeconds(11), r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal));

        var result = await h.Exporter.ExportAsync(Request());

        Assert.Equal(ExportOutcome.Created, result.Outcome);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(11)], h.Delay.Waits);
        Assert.Single(h.Server.PullRequests);
        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?> { [PostPath] = Utf8(Post()) });
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff()
    {
        await using var h = await StartAsync();
        h.Server.FailNext(2, 502, "Server Error", r => r.Path.EndsWith("/git/commits", StringComparison.Ordinal));
        var result = await h.Exporter.ExportAsync(Request());
        Assert.Equal(ExportOutcome.Created, result.Outcome);
        Assert.Equal(2, h.Delay.Waits.Count);
        Assert.InRange(h.Delay.Waits[0].TotalSeconds, 1, 1.25);
        Assert.InRange(h.Delay.Waits[1].TotalSeconds, 2, 2.5);
        Assert.Equal([result.Commit!], await h.NewCommitsAsync(Branch, "master"));
        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?> { [PostPath] = Utf8(Post()) });
    }

    [Fact]
    public async Task An_exhausted_rate_limit_gives_up_with_a_clear_error()
    {
        await using var h = await StartAsync();
        h.Server.RateLimitNext(100, RateLimitKind.Secondary, TimeSpan.FromSeconds(5), r => r.IsWrite);

        var error = await Assert.ThrowsAsync<GitHubExportException>(() => h.Exporter.ExportAsync(Request()));

        Assert.Equal(403, error.StatusCode);
        Assert.StartsWith("Gave up trying to create a blob after 4 attempts: secondary rate limit", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Try again later.", error.Message, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromSeconds(5), 3), h.Delay.Waits);
        Assert.Null(await h.Server.BranchHeadAsync(Branch));
        Assert.DoesNotContain(FakeGitHubOptions.DefaultToken, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_allowed_fails_at_once()
    {
        await using var h = await StartAsync(github: o => o.MaxRetryWait = TimeSpan.FromMinutes(2));
        h.Server.RateLimitNext(1, RateLimitKind.Primary, TimeSpan.FromHours(1));
        var error = await Assert.ThrowsAsync<GitHubExportException>(() => h.Exporter.ExportAsync(Request()));
        Assert.Contains("GitHub asked to wait 3600 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("Export:GitHub:MaxRetryWait", error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Delay.Waits);
    }

    [Fact]
    public async Task A_pull_request_opened_meanwhile_is_adopted_after_GitHubs_422()
    {
        await using var h = await StartAsync();
        FakePullRequest? byHand = null;
        h.Server.BeforeRequest(r => r.Method == "POST" && r.Path == "/repos/xsf/xmpp.org/pulls",
            () => Task.FromResult(byHand = h.Server.OpenPullRequest(Branch, "Newsletter November (by hand)")));

        var result = await h.Exporter.ExportAsync(Request());

        Assert.Equal(ExportOutcome.Created, result.Outcome);
        Assert.Equal(byHand!.Number, result.PullRequestNumber);
        Assert.Contains(h.Server.Requests, r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal) && r.Status == 422);
        var pr = Assert.Single(h.Server.PullRequests);
        Assert.Equal("Newsletter November (by hand)", pr.Title);
        Assert.Equal(["Newsletter :email:"], pr.Labels);
        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?> { [PostPath] = Utf8(Post()) });
    }

    [Fact]
    public async Task A_push_while_exporting_is_never_overwritten()
    {
        await using var h = await StartAsync();
        var first = await h.Exporter.ExportAsync(Request());
        string? pushed = null;
        h.Server.BeforeRequest(r => r.Method == "PATCH" && r.Path.Contains("/git/refs/heads/", StringComparison.Ordinal),
            async () => pushed = await h.Server.CommitAsync(Branch, new Dictionary<string, byte[]?> { ["static/images/newsletter/2026-12-05/late.png"] = [9] }, "Late image", "Nyco"));

        var result = await h.Exporter.ExportAsync(Request(Post("- more\n"), lastExportCommit: first.Commit));

        Assert.Equal(ExportOutcome.Conflict, result.Outcome);
        Assert.Equal(pushed, await h.Server.BranchHeadAsync(Branch));
        Assert.Equal(pushed, result.Conflict!.BranchHead);
        Assert.Equal([$"{pushed![..7]} Nyco: Late image"], result.Conflict.Commits);
        Assert.Contains(h.Server.Requests, r => r.Method == "PATCH" && r.Status == 422);
        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?>
        {
            [PostPath] = Utf8(Post()),
            ["static/images/newsletter/2026-12-05/late.png"] = [9],
        });
    }

    [Fact]
    public async Task A_push_while_rebuilding_on_a_moved_base_is_never_overwritten()
    {
        await using var h = await StartAsync();
        var first = await h.Exporter.ExportAsync(Request());
        var oldBase = await h.BaseFilesAsync();
        await h.Server.MoveBaseAsync(new Dictionary<string, byte[]?> { ["README.md"] = Utf8("moved\n") });
        string? pushed = null;
        h.Server.BeforeRequest(r => r.Method == "PATCH" && r.Path.Contains("/git/refs/heads/", StringComparison.Ordinal),
            async () => pushed = await h.Server.CommitAsync(Branch, new Dictionary<string, byte[]?> { [PostPath] = Utf8(Post("- reviewed\n")) }, "Review", "Wurstsalat"));

        var result = await h.Exporter.ExportAsync(Request(lastExportCommit: first.Commit));

        Assert.Equal(ExportOutcome.Conflict, result.Outcome);
        Assert.Equal(pushed, await h.Server.BranchHeadAsync(Branch));
        Assert.DoesNotContain(h.Server.Requests, r => r.Method == "PATCH" && r.Status == 200);
        await h.AssertBranchHoldsAsync(Branch, oldBase, new Dictionary<string, byte[]?> { [PostPath] = Utf8(Post("- reviewed\n")) });
    }

    [Fact]
    public async Task An_export_that_failed_after_moving_the_branch_is_recognised_as_DraftPads_own()
    {
        await using var h = await StartAsync();
        h.Server.FailNext(4, 502, "Server Error", r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal));
        var failed = await Assert.ThrowsAsync<GitHubExportException>(() => h.Exporter.ExportAsync(Request()));
        Assert.StartsWith("Gave up trying to open the pull request after 4 attempts", failed.Message, StringComparison.Ordinal);
        var written = await h.Server.BranchHeadAsync(Branch);
        Assert.NotNull(written);
        Assert.Empty(h.Server.PullRequests);

        // The pad never learnt the commit (the export failed): the next export must not call it a conflict.
        var retry = await h.Exporter.ExportAsync(Request(lastExportCommit: null));
        Assert.Equal(ExportOutcome.NoChange, retry.Outcome);
        Assert.Equal(written, retry.Commit);
        Assert.Equal(written, await h.Server.BranchHeadAsync(Branch));
        Assert.Equal(retry.PullRequestNumber, Assert.Single(h.Server.PullRequests).Number);

        var changed = await h.Exporter.ExportAsync(Request(Post("- later\n"), lastExportCommit: null));
        Assert.Equal(ExportOutcome.Updated, changed.Outcome);
        Assert.Equal([written!], (await h.Server.Repository.ReadCommitAsync(changed.Commit!))!.Parents);
        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?> { [PostPath] = Utf8(Post("- later\n")) });
    }

    [Fact]
    public async Task A_branch_someone_else_created_is_a_conflict()
    {
        await using var h = await StartAsync();
        await h.Server.SetBranchAsync(Branch, (await h.Server.BranchHeadAsync("master"))!);
        var theirs = await h.Server.CommitAsync(Branch, new Dictionary<string, byte[]?> { [PostPath] = Utf8("by hand\n") }, "Newsletter by hand", "Someone");
        var result = await h.Exporter.ExportAsync(Request());
        Assert.Equal(ExportOutcome.Conflict, result.Outcome);
        Assert.Null(result.Conflict!.ExpectedCommit);
        Assert.Equal([$"{theirs[..7]} Someone: Newsletter by hand"], result.Conflict.Commits);
        Assert.Equal(theirs, await h.Server.BranchHeadAsync(Branch));
        await h.AssertBranchHoldsAsync(Branch, await h.BaseFilesAsync(), new Dictionary<string, byte[]?> { [PostPath] = Utf8("by hand\n") });
    }

    [Fact]
    public async Task A_published_issue_needs_no_branch_and_no_pull_request()
    {
        await using var h = await StartAsync(s => s.Files[PostPath] = Utf8(Post()));
        var result = await h.Exporter.ExportAsync(Request());
        Assert.Equal(ExportOutcome.NoChange, result.Outcome);
        Assert.Equal(await h.Server.BranchHeadAsync("master"), result.Commit);
        Assert.Null(result.PullRequestNumber);
        Assert.Null(await h.Server.BranchHeadAsync(Branch));
        Assert.DoesNotContain(h.Server.Requests, r => r.IsWrite);
    }

    [Fact]
    public async Task A_missing_base_branch_is_a_clear_error()
    {
        await using var h = await StartAsync(github: o => o.BaseBranch = "main");
        var error = await Assert.ThrowsAsync<GitHubExportException>(() => h.Exporter.ExportAsync(Request()));
        Assert.Equal("The base branch 'main' does not exist in xsf/xmpp.org.", error.Message);
        Assert.Equal(404, error.StatusCode);
    }
}
