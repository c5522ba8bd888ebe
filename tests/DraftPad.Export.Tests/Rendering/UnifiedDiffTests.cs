using System.Text;
using DraftPad.Export.Rendering;
using DraftPad.Export.Tests.Support;

namespace DraftPad.Export.Tests.Rendering;

/// <summary>The dry run's diff: as <c>git diff</c> prints it, and always a patch git applies to get the new text.</summary>
public sealed class UnifiedDiffTests
{
    public static TheoryData<string?, string?> Cases() => new()
    {
        { null, "one\ntwo\n" },
        { "one\ntwo\n", null },
        { "one\n", "uno\n" },
        { "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n", "a\nb\nC\nd\ne\nf\ng\nh\ni\nj\nK\nl\nm\n" },
        { "a\nb\nc\nd\ne\nf\ng\nh\ni\n", "a\nB\nc\nd\ne\nf\ng\nH\ni\n" },
        { "title\n\nbody\n", "title\n\nbody\nmore\n" },
        { "no newline", "no newline\n" },
        { "last\nline", "last\nLINE" },
        { "x\ny\nz\n", "" },
        { "", "x\n" },
        { "# Heading\n\n- one\n- two\n- three\n\n## Next\n\ntext\n", "# Heading\n\n- one\n- 2\n- three\n- four\n\n## Next\n\ntext, more\n" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task It_prints_what_git_diff_prints(string? oldText, string? newText)
    {
        const string path = "content/blog/newsletter/2026-12-05-newsletter.md";
        Assert.Equal(await GitDiff.NoIndexAsync(path, oldText, newText), UnifiedDiff.Create(path, oldText, newText));
    }

    [Fact]
    public void Equal_texts_have_no_diff() => Assert.Equal("", UnifiedDiff.Create("x.md", "same\n", "same\n"));

    [Fact]
    public async Task Random_edits_give_patches_that_git_applies()
    {
        var seed = TestSettings.Seed;
        var random = new Random(seed);
        string[] vocabulary = ["", "## XMPP Events", "- item", "text", "text", "{{< figure >}}", "No XEPs this month.", "ünïcode ✓"];
        string Text(int lines, bool finalNewline)
        {
            var text = string.Join('\n', Enumerable.Range(0, lines).Select(_ => vocabulary[random.Next(vocabulary.Length)]));
            return lines > 0 && finalNewline ? text + "\n" : text;
        }
        var dir = Directory.CreateTempSubdirectory("unidiff-").FullName;
        try
        {
            for (var round = 0; round < 120; round++)
            {
                var oldText = Text(random.Next(0, 30), random.Next(5) > 0);
                var lines = oldText.Split('\n').ToList();
                for (var e = random.Next(1, 6); e > 0; e--)
                {
                    var at = random.Next(lines.Count + 1);
                    switch (random.Next(3))
                    {
                        case 0: lines.Insert(at, vocabulary[random.Next(vocabulary.Length)]); break;
                        case 1 when at < lines.Count: lines.RemoveAt(at); break;
                        default: if (at < lines.Count) lines[at] = vocabulary[random.Next(vocabulary.Length)] + "!"; break;
                    }
                }
                var newText = string.Join('\n', lines);
                if (random.Next(4) == 0) newText = newText.TrimEnd('\n');
                if (newText == oldText || oldText.Length == 0 || newText.Length == 0) continue;

                var patch = UnifiedDiff.Create("f.md", oldText, newText);
                var root = Path.Combine(dir, round.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Directory.CreateDirectory(root);
                File.WriteAllBytes(Path.Combine(root, "f.md"), Encoding.UTF8.GetBytes(oldText));
                File.WriteAllBytes(Path.Combine(root, "p.diff"), Encoding.UTF8.GetBytes(patch));
                var (code, _, error) = await Git.RunAsync(root, "apply", "p.diff");
                Assert.True(code == 0, $"seed {seed} round {round}: git apply failed: {error}\n{patch}");
                Assert.True(newText == Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(root, "f.md"))), $"seed {seed} round {round}: wrong result\n{patch}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
