using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DraftPad.Export.GitHub;
using DraftPad.Export.Rendering;
using DraftPad.Export.Tests.Support;
using DraftPad.Lint;
using DraftPad.Testing;

namespace DraftPad.Export.Tests.Rendering;

/// <summary>
/// "A pad holding the text of a published issue exports byte-identical to the published file at
/// the same path": every issue of ../shared/corpus/newsletters, through the same steps as an
/// export from the server (editor notes stripped, then rendered), compared byte for byte with the
/// published file and with the blob id the site repository has for it (SOURCE.md).
/// </summary>
public sealed partial class CorpusRoundTripTests
{
    private static string Folder => Path.Combine(SharedData.Root, "corpus", "newsletters");

    private static List<string> IssueNames() =>
        Directory.GetFiles(Folder, "content__blog__newsletter__*-newsletter.md").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> Issues() => new(IssueNames());

    /// <summary>SOURCE.md's table: copied file name to (original path, blob id prefix).</summary>
    private static readonly Lazy<Dictionary<string, (string Path, string Blob)>> Source = new(() =>
    {
        var table = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (Match m in SourceRow().Matches(File.ReadAllText(Path.Combine(Folder, "SOURCE.md"))))
        {
            table[m.Groups["file"].Value] = (m.Groups["path"].Value, m.Groups["blob"].Value);
        }
        return table;
    });

    [Fact]
    public void The_corpus_is_there_and_SOURCE_md_names_every_issue()
    {
        var issues = IssueNames();
        Assert.Equal(71, issues.Count);
        Assert.Equal(issues.Order(StringComparer.Ordinal), Source.Value.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Issues))]
    public void A_published_issue_exports_byte_identical_at_its_published_path(string name)
    {
        var published = File.ReadAllBytes(Path.Combine(Folder, name));
        var (path, blob) = Source.Value[name];
        Assert.StartsWith(blob, GitObjects.BlobSha(published), StringComparison.Ordinal); // the copy is the site's blob

        var text = Encoding.UTF8.GetString(published);
        Assert.Equal(published, Encoding.UTF8.GetBytes(text)); // no BOM, valid UTF-8: the pad holds exactly this text
        var date = DateOnly.ParseExact(PathDate().Match(name).Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var covered = date.AddMonths(-1);
        var request = new ExportRequest
        {
            Year = covered.Year,
            Month = covered.Month,
            ReleaseDate = date,
            // What the server and the CLI hand to the exporter: the linter's text without editor notes.
            Markdown = EditorNotes.Strip(text),
        };

        var file = Assert.Single(PostRenderer.Render(request));

        Assert.Equal(path, file.Path);
        Assert.Equal(PostLayout.PostPath(date), file.Path);
        Assert.True(published.AsSpan().SequenceEqual(file.Content), $"{name}: the export differs from the published file.");
    }

    [Fact]
    public async Task The_latest_issue_exported_through_GitHub_lands_as_the_sites_own_blob()
    {
        const string name = "content__blog__newsletter__2026-02-05-newsletter.md";
        var published = File.ReadAllBytes(Path.Combine(Folder, name));
        var (path, blob) = Source.Value[name];
        await using var h = await ExportHarness.StartAsync();
        var request = new ExportRequest { Year = 2026, Month = 1, ReleaseDate = new DateOnly(2026, 2, 5), Markdown = EditorNotes.Strip(Encoding.UTF8.GetString(published)) };

        var result = await h.Exporter.ExportAsync(request);

        Assert.Equal(ExportOutcome.Created, result.Outcome);
        Assert.Equal("newsletter/2026-01", result.Branch);
        var files = await h.Server.ListFilesAsync(result.Branch);
        Assert.StartsWith(blob, files[path], StringComparison.Ordinal);
        Assert.Equal(published, await h.Server.ReadFileAsync(result.Branch, path));
        Assert.Equal("Draft: The XMPP Newsletter January 2026", Assert.Single(h.Server.PullRequests).Title);
    }

    [GeneratedRegex(@"^\| `(?<file>content__[^`]+)` \| `(?<path>[^`]+)` \| `(?<blob>[0-9a-f]+)` \|", RegexOptions.Multiline)]
    private static partial Regex SourceRow();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex PathDate();
}
