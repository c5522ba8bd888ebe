using System.Text;
using System.Text.RegularExpressions;

namespace DraftPad.Export.Tests.Support;

/// <summary>What <c>git diff --no-index</c> prints for two versions of a file, from its "---" line on.</summary>
internal static partial class GitDiff
{
    public static async Task<string> NoIndexAsync(string path, string? oldText, string? newText)
    {
        var dir = Directory.CreateTempSubdirectory("gitdiff-").FullName;
        try
        {
            var a = oldText is null ? "/dev/null" : Write(dir, "a/" + path, oldText);
            var b = newText is null ? "/dev/null" : Write(dir, "b/" + path, newText);
            var (code, output, error) = await Git.RunAsync(dir, "diff", "--no-index", "--no-prefix", "--no-color", "-U3", a, b);
            Assert.True(code is 0 or 1, error);
            if (output.Length == 0) return "";
            output = output[output.IndexOf("\n--- ", StringComparison.Ordinal)..][1..];
            // git adds a "function" context after the hunk header (the last line starting with a
            // letter); the exporter's diff does not: compare without it.
            return HunkContext().Replace(output, "$1");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Write(string dir, string relative, string text)
    {
        var full = Path.Combine(dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, Encoding.UTF8.GetBytes(text));
        return relative;
    }

    [GeneratedRegex(@"^(@@ -[0-9,]+ \+[0-9,]+ @@).*$", RegexOptions.Multiline)]
    private static partial Regex HunkContext();
}
