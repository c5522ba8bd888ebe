using DraftPad.Export.Rendering;
using DraftPad.FakeGitHub;
using DraftPad.Lint;

namespace DraftPad.Cli.Tests;

/// <summary><c>draftpad export --from FILE</c> straight to the fake GitHub: state file, no-op, conflict, force.</summary>
public sealed class FileExportTests
{
    [Fact]
    public async Task Export_from_a_file_remembers_its_commit_and_never_overwrites_a_maintainer_without_force()
    {
        await using var github = await FakeGitHubServer.StartAsync();
        using var dir = new TempFolder();
        var draft = dir.File("draft.md", NewsletterSkeleton.Create(2026, 11));
        var environment = new Dictionary<string, string> { ["DRAFTPAD_GITHUB_TOKEN"] = FakeGitHubOptions.DefaultToken };
        string[] export = ["export", "--month", "2026-11", "--from", draft, "--api-url", github.ApiBaseUrl.ToString()];

        var first = await CliRun.RunAsync(export, environment: environment);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.StartsWith("Created: newsletter/2026-11 at ", first.Out);
        var head = await github.BranchHeadAsync("newsletter/2026-11");
        Assert.Contains(head!, File.ReadAllText(draft + ".export.json"));
        var files = await github.CloneFilesAsync("newsletter/2026-11");
        Assert.Equal(EditorNotes.Strip(File.ReadAllText(draft)), System.Text.Encoding.UTF8.GetString(files[PostLayout.PostPath(new DateOnly(2026, 12, 5))]));

        var again = await CliRun.RunAsync(export, environment: environment);
        Assert.StartsWith("NoChange:", again.Out);
        Assert.Equal(head, await github.BranchHeadAsync("newsletter/2026-11"));

        var theirs = await github.CommitAsync("newsletter/2026-11", new Dictionary<string, byte[]?> { ["static/images/newsletter/2026-12-05/note.txt"] = "x"u8.ToArray() }, "Maintainer fix");
        File.AppendAllText(draft, "\nA late item.\n");
        var conflict = await CliRun.RunAsync(export, environment: environment);
        Assert.Equal(1, conflict.ExitCode);
        Assert.Contains("note.txt", conflict.Error);
        Assert.Equal(theirs, await github.BranchHeadAsync("newsletter/2026-11"));

        var forced = await CliRun.RunAsync([.. export, "--force"], environment: environment);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.NotEqual(theirs, await github.BranchHeadAsync("newsletter/2026-11"));
    }

    [Fact]
    public async Task A_refused_token_is_exit_2_and_never_printed()
    {
        await using var github = await FakeGitHubServer.StartAsync();
        using var dir = new TempFolder();
        var draft = dir.File("draft.md", NewsletterSkeleton.Create(2026, 11));
        var run = await CliRun.RunAsync(["export", "--month", "2026-11", "--from", draft, "--api-url", github.ApiBaseUrl.ToString()],
            environment: new Dictionary<string, string> { ["DRAFTPAD_GITHUB_TOKEN"] = "ghp_NotTheRightOne000000000000000000000" });
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Bad credentials", run.Error);
        Assert.DoesNotContain("ghp_NotTheRightOne", run.Error + run.Out);
    }
}
