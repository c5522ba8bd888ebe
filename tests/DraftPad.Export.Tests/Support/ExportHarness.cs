using System.Text;
using DraftPad.Export.GitHub;
using DraftPad.FakeGitHub;

namespace DraftPad.Export.Tests.Support;

/// <summary>
/// A fake GitHub on 127.0.0.1 and the exporter wired to it as production wires it: the real
/// <see cref="OctokitGitHubRepository"/> (Octokit over HTTP), one shared manual clock, and a retry
/// delay that records waits instead of sleeping.
/// </summary>
internal sealed class ExportHarness : IAsyncDisposable
{
    public const string Branch = "newsletter/2026-11";
    public const string PostPath = "content/blog/newsletter/2026-12-05-newsletter.md";
    public static readonly DateOnly ReleaseDate = new(2026, 12, 5);

    private ExportHarness(FakeGitHubServer server, GitHubOptions options, ManualTime time, RecordingDelay delay)
    {
        Server = server;
        Options = options;
        Time = time;
        Delay = delay;
        Repository = new OctokitGitHubRepository(options, delay: delay.Delay, time: time);
        Exporter = new NewsletterExporter(Repository, options);
    }

    public FakeGitHubServer Server { get; }

    public GitHubOptions Options { get; }

    public ManualTime Time { get; }

    public RecordingDelay Delay { get; }

    public OctokitGitHubRepository Repository { get; }

    public NewsletterExporter Exporter { get; }

    public static async Task<ExportHarness> StartAsync(Action<FakeGitHubOptions>? server = null, Action<GitHubOptions>? github = null)
    {
        var time = new ManualTime();
        var serverOptions = new FakeGitHubOptions { Time = time };
        server?.Invoke(serverOptions);
        var fake = await FakeGitHubServer.StartAsync(serverOptions);
        var options = new GitHubOptions
        {
            Owner = "xsf",
            Repository = "xmpp.org",
            BaseBranch = "master",
            // A bare host, as an operator would write it: GitHubAuth adds api/v3/ as for GitHub Enterprise.
            ApiBaseUrl = fake.BaseAddress,
            Token = FakeGitHubOptions.DefaultToken,
            Reviewers = ["wurstsalat3000", "edhelas"],
            MaxAttempts = 4,
            InitialBackoff = TimeSpan.FromSeconds(1),
        };
        github?.Invoke(options);
        return new ExportHarness(fake, options, time, new RecordingDelay(time));
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    /// <summary>An issue of November 2026 as a pad would hold it.</summary>
    public static string Post(string extra = "") =>
        "---\ntitle: The XMPP Newsletter November 2026\ndate: 2026-12-05\ncategories: ['Newsletter']\nsummary: \"In this issue: a test\"\n---\n\n"
        + "{{< figure src=\"/images/newsletter/xmpp_newsletter_banner.jpg\" caption=\"XMPP Newsletter Banner\" >}}\n\n"
        + "Welcome to the XMPP Newsletter, great to have you here again!\nThis issue covers the month of November 2026.\n\n"
        + "## XMPP Software News\n\n### XMPP Clients and Applications\n\n- [Dino](https://dino.im) has released version 0.5.\n"
        + extra
        + "\n## License\n\nThis newsletter is published under [CC BY-SA license](https://creativecommons.org/licenses/by-sa/4.0/).\n";

    public static ExportRequest Request(string? markdown = null, IReadOnlyList<ExportImage>? images = null, string? lastExportCommit = null,
        ExportPhase phase = ExportPhase.Draft, bool force = false, DateOnly? releaseDate = null) => new()
    {
        Year = 2026,
        Month = 11,
        ReleaseDate = releaseDate ?? ReleaseDate,
        Markdown = markdown ?? Post(),
        Images = images ?? [],
        Phase = phase,
        LastExportCommit = lastExportCommit,
        Force = force,
    };

    /// <summary>The base branch's files now (from a real clone).</summary>
    public Task<IReadOnlyDictionary<string, byte[]>> BaseFilesAsync() => Server.CloneFilesAsync("master");

    /// <summary>
    /// Clones the bare repository at <paramref name="branch"/> and checks it holds exactly
    /// <paramref name="baseFiles"/> with <paramref name="written"/> written over them (null: removed).
    /// </summary>
    public async Task AssertBranchHoldsAsync(string branch, IReadOnlyDictionary<string, byte[]> baseFiles, IReadOnlyDictionary<string, byte[]?> written)
    {
        var expected = new SortedDictionary<string, byte[]>(baseFiles.ToDictionary(), StringComparer.Ordinal);
        foreach (var (path, content) in written)
        {
            if (content is null) expected.Remove(path);
            else expected[path] = content;
        }
        var actual = await Server.CloneFilesAsync(branch);
        Assert.Equal(expected.Keys, actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, content) in expected)
        {
            Assert.True(content.AsSpan().SequenceEqual(actual[path]), $"{path} differs in the clone of {branch}.");
        }
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Commits on <paramref name="branch"/> not reachable from any of <paramref name="excluded"/>.</summary>
    public async Task<IReadOnlyList<string>> NewCommitsAsync(string branch, params string[] excluded)
    {
        var all = await Server.Repository.RevListAsync(branch);
        var old = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in excluded) old.UnionWith(await Server.Repository.RevListAsync(e));
        return all.Where(c => !old.Contains(c)).ToList();
    }
}
