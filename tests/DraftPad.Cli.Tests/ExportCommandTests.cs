using DraftPad.Server.Tests.Support;
using DraftPad.Export;
using DraftPad.Export.Rendering;
using DraftPad.Lint;

namespace DraftPad.Cli.Tests;

/// <summary><c>draftpad export</c> without GitHub: offline dry runs, the lint gate, a server's export endpoint, usage errors.</summary>
public sealed class ExportCommandTests
{
    private static readonly DateOnly Release = new(2026, 12, 5);

    [Fact]
    public async Task Offline_dry_run_writes_the_post_and_images_under_out_and_prints_the_diff()
    {
        using var dir = new TempFolder();
        var draft = dir.File("draft.md", NewsletterSkeleton.Create(2026, 11));
        var images = Directory.CreateDirectory(Path.Combine(dir.Path, "images")).FullName;
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        File.WriteAllBytes(Path.Combine(images, "sprint.png"), png);
        var outDir = Path.Combine(dir.Path, "out");

        var run = await CliRun.RunAsync(["export", "--month", "2026-11", "--from", draft, "--images", images, "--dry-run", "--out", outDir]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var post = Path.Combine(outDir, PostLayout.PostPath(Release));
        Assert.Equal(EditorNotes.Strip(File.ReadAllText(draft)), File.ReadAllText(post));
        Assert.Equal(png, File.ReadAllBytes(Path.Combine(outDir, PostLayout.ImageDirectory(Release), "sprint.png")));
        Assert.Contains("+++ b/" + PostLayout.PostPath(Release), run.Out);
        Assert.Contains("Binary file b/static/images/newsletter/2026-12-05/sprint.png added", run.Out);
        Assert.Contains("against an empty repository", run.Error);
        Assert.DoesNotContain("<!--", File.ReadAllText(post)); // editor notes never leave the pad
    }

    [Fact]
    public async Task Lint_errors_stop_a_real_export_before_github_is_asked()
    {
        using var dir = new TempFolder();
        var draft = dir.File("draft.md", NewsletterSkeleton.Create(2026, 11).Replace("## XSF Announcements", "##XSF Announcements", StringComparison.Ordinal));
        var run = await CliRun.RunAsync(["export", "--month", "2026-11", "--from", draft]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("lint error(s) stop the export", run.Error);
    }

    [Fact]
    public async Task A_real_export_without_credentials_says_what_to_set()
    {
        using var dir = new TempFolder();
        var draft = dir.File("draft.md", NewsletterSkeleton.Create(2026, 11));
        var run = await CliRun.RunAsync(["export", "--month", "2026-11", "--from", draft]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("DRAFTPAD_GITHUB_TOKEN", run.Error);
    }

    [Fact]
    public async Task Server_dry_run_returns_the_pads_post_and_writes_it()
    {
        await using var server = await ServerHost.StartAsync();
        var url = server.BaseUri.ToString();
        var created = await CliRun.RunAsync(["pads", "create", "2026-11", "--server", url, "--token", ServerHost.MaintainerToken]);
        Assert.True(created.ExitCode == 0, created.ToString());
        using var dir = new TempFolder();
        var outDir = Path.Combine(dir.Path, "out");

        var run = await CliRun.RunAsync(["export", "--month", "2026-11", "--server", url, "--dry-run", "--out", outDir],
            environment: new Dictionary<string, string> { ["DRAFTPAD_TOKEN"] = ServerHost.MaintainerToken });

        // The test server has no GitHub credentials: the dry run is against an empty repository.
        Assert.True(run.ExitCode == 0, run.ToString());
        var shown = await CliRun.RunAsync(["pads", "show", "2026-11", "--server", url]);
        var post = File.ReadAllText(Path.Combine(outDir, PostLayout.PostPath(Release)));
        Assert.Equal(EditorNotes.Strip(shown.Out), post);
        Assert.Contains("+++ b/" + PostLayout.PostPath(Release), run.Out);
        Assert.Contains("warning: No GitHub credentials", run.Error);
    }

    [Fact]
    public async Task Server_refuses_a_contributor_token_with_its_reason()
    {
        await using var server = await ServerHost.StartAsync();
        var url = server.BaseUri.ToString();
        await CliRun.RunAsync(["pads", "create", "2026-11", "--server", url, "--token", ServerHost.MaintainerToken]);
        var run = await CliRun.RunAsync(["export", "--month", "2026-11", "--server", url, "--token", ServerHost.ContributorToken]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("403", run.Error);
        Assert.Contains("Only maintainers and bots may export", run.Error);
    }

    [Theory]
    [InlineData(new[] { "export", "--from", "x.md" }, "--month YYYY-MM is required")]
    [InlineData(new[] { "export", "--month", "2026-11" }, "Give exactly one of --from FILE and --server URL")]
    [InlineData(new[] { "export", "--month", "2026-11", "--server", "http://127.0.0.1:1", "--images", "x" }, "--images goes with --from")]
    [InlineData(new[] { "export", "--month", "2026-11", "--from", "x.md", "--out", "o" }, "--out goes with --dry-run")]
    [InlineData(new[] { "export", "--month", "2026-11", "--from", "x.md", "--phase", "final" }, "No such file: x.md")]
    public async Task Usage_errors_exit_2(string[] args, string message)
    {
        var run = await CliRun.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public async Task Pads_list_and_show_read_the_server()
    {
        await using var server = await ServerHost.StartAsync();
        var url = server.BaseUri.ToString();
        await CliRun.RunAsync(["pads", "create", "2026-11", "--server", url, "--token", ServerHost.MaintainerToken]);
        var list = await CliRun.RunAsync(["pads", "list", "--server", url]);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.StartsWith("2026-11\topen\t2026-12-05", list.Out);
        var show = await CliRun.RunAsync(["pads", "show", "2026-11", "--server", url]);
        Assert.Equal(NewsletterSkeleton.Create(2026, 11, Release), show.Out);
        var missing = await CliRun.RunAsync(["pads", "show", "2031-01", "--server", url]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("404", missing.Error);
    }
}
