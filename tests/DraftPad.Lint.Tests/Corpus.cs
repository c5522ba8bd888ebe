using System.Globalization;
using System.Text.RegularExpressions;
using DraftPad.Testing;

namespace DraftPad.Lint.Tests;

/// <summary>The published newsletters of shared/corpus/newsletters.</summary>
internal static partial class Corpus
{
    [GeneratedRegex(@"(\d{4}-\d{2}-\d{2})-newsletter\.md$")]
    private static partial Regex FileDate();

    public static string Folder => Path.Combine(SharedData.Root, "corpus", "newsletters");

    /// <summary>Every issue: file name, planned release date (from the file name), text.</summary>
    public static IEnumerable<(string Name, DateOnly Release, string Text)> Issues() =>
        Directory.GetFiles(Folder, "*-newsletter.md").Order(StringComparer.Ordinal).Select(path =>
        {
            var name = Path.GetFileName(path);
            var date = DateOnly.ParseExact(FileDate().Match(name).Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return (name, date, File.ReadAllText(path));
        });

    /// <summary>How the corpus is linted: with the planned release date the file name gives, as the server does.</summary>
    public static LintOptions OptionsFor(DateOnly release) => new() { ReleaseDate = release };

    public static bool IsCurrentLayout(DateOnly release) => release >= new DateOnly(2024, 6, 1);
}
