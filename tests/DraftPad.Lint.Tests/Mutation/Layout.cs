using System.Text;

namespace DraftPad.Lint.Tests.Mutation;

/// <summary>
/// The current layout as the tests know it (from shared/spec/newsletter-conventions.md and docs/lint-rules.md),
/// written out independently of the linter's own tables: the oracle of the mutation tests.
/// </summary>
internal static class Layout
{
    public sealed record Section(string Key, int Rank, string[] Names, DateOnly? RequiredFrom, string[] Subsections);

    public static readonly string[] ExtensionSubsections = ["Proposed", "New", "Deferred", "Updated", "Last Call", "Stable", "Deprecated", "Rejected"];

    public static readonly Section[] Sections =
    [
        new("announcements", 1, ["XSF Announcements"], null, []),
        new("events", 2, ["XMPP Events", "Events"], null, []),
        new("videos", 3, ["Videos and Talks", "Videos", "Talks", "XMPP Videos"], null, []),
        new("articles", 4, ["XMPP Articles"], null, []),
        new("software", 5, ["XMPP Software News"], new DateOnly(2024, 6, 1), ["XMPP Clients and Applications", "XMPP Servers", "XMPP Libraries & Tools"]),
        new("extensions", 6, ["Extensions and specifications"], new DateOnly(2024, 6, 1), ExtensionSubsections),
        new("spread", 7, ["Spread the news"], new DateOnly(2024, 6, 1), ["Newsletter Contributors & Translations"]),
        new("help", 8, ["Help us to build the newsletter"], new DateOnly(2024, 6, 1), []),
        new("unsubscribe", 9, ["Unsubscribe from the XMPP Newsletter"], new DateOnly(2024, 7, 1), []),
        new("license", 10, ["License"], new DateOnly(2024, 6, 1), []),
        new("fiscal", 0, ["XSF Fiscal Hosting Projects"], null, []),
        new("channels", 0, ["XMPP Public channels"], null, []),
    ];

    /// <summary>
    /// Names that can only be a section, so that they are recognised (and reported by NL011) at any level; the
    /// short aliases (Events, Videos, Talks), License and the extras may also be topics of a section at level 3.
    /// </summary>
    public static bool IsStrictName(string name) => StrictNames.Contains(name.Trim());

    private static readonly HashSet<string> StrictNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "XSF Announcements", "XMPP Events", "Videos and Talks", "XMPP Videos", "XMPP Articles", "XMPP Software News",
        "Extensions and specifications", "Spread the news", "Help us to build the newsletter", "Unsubscribe from the XMPP Newsletter",
    };

    public static Section? Find(string name) =>
        Sections.FirstOrDefault(s => s.Names.Any(n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase)));

    public static IEnumerable<string> AllSectionNames => Sections.SelectMany(s => s.Names);

    /// <summary>The placeholder forms of an Extensions subsection (from the spec; the skeleton's first).</summary>
    public static string[] PlaceholderForms(string subsection) => subsection.ToUpperInvariant() switch
    {
        "PROPOSED" => ["No XEPs proposed this month.", "No proposed XEPs this month.", "No XEP was proposed this month."],
        "NEW" => ["No new XEPs this month."],
        "DEFERRED" => ["No XEPs deferred this month."],
        "UPDATED" => ["No XEPs updated this month."],
        "LAST CALL" => ["No Last Call this month."],
        "STABLE" => ["No stable XEPs this month."],
        "DEPRECATED" => ["No XEPs deprecated this month.", "No XEP deprecated this month."],
        "REJECTED" => ["No XEPs rejected this month.", "No XEP rejected this month."],
        _ => throw new ArgumentException("Not an Extensions subsection: " + subsection, nameof(subsection)),
    };

    private static readonly string[] IntroStarts =
    [
        "The XEP development process starts",
        "If an experimental XEP is not updated",
        "Last calls are issued",
        "The XMPP Standards Foundation develops extensions",
    ];

    public static bool IsStandardIntro(string paragraph) => IntroStarts.Any(s => paragraph.StartsWith(s, StringComparison.Ordinal));

    // ---- typos ----

    private static readonly Dictionary<char, char> CyrillicTwins = new()
    {
        ['a'] = 'а', ['e'] = 'е', ['o'] = 'о', ['p'] = 'р', ['c'] = 'с', ['x'] = 'х', ['y'] = 'у',
        ['A'] = 'А', ['E'] = 'Е', ['O'] = 'О', ['P'] = 'Р', ['C'] = 'С', ['X'] = 'Х', ['M'] = 'М', ['T'] = 'Т', ['H'] = 'Н', ['K'] = 'К', ['B'] = 'В',
    };

    /// <summary>Lowercase, Cyrillic twins back to Latin (how a reader sees the name).</summary>
    public static string Fold(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            var latin = CyrillicTwins.FirstOrDefault(kv => kv.Value == ch).Key;
            sb.Append(char.ToLowerInvariant(latin == default ? ch : latin));
        }
        return sb.ToString();
    }

    public static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    /// <summary>The documented tolerance of NL014: one edit for names of up to 6 letters, two otherwise.</summary>
    public static int TypoLimit(string name) => name.Length <= 6 ? 1 : 2;

    /// <summary>
    /// A misspelling of <paramref name="name"/> (a letter dropped, replaced, two swapped, or a Cyrillic twin) that
    /// is within the tolerance of <paramref name="name"/> and strictly closer to it than to any other of
    /// <paramref name="candidates"/>; null when none was found.
    /// </summary>
    public static (string Typo, string How)? Typo(string name, IReadOnlyCollection<string> candidates, Random rng)
    {
        var letters = Enumerable.Range(0, name.Length).Where(i => char.IsAsciiLetter(name[i])).ToList();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var i = letters[rng.Next(letters.Count)];
            string typo, how;
            switch (rng.Next(4))
            {
                case 0:
                    typo = name.Remove(i, 1);
                    how = $"dropped '{name[i]}'";
                    break;
                case 1:
                    var c = (char)('a' + rng.Next(26));
                    if (char.IsUpper(name[i])) c = char.ToUpperInvariant(c);
                    typo = name[..i] + c + name[(i + 1)..];
                    how = $"'{name[i]}' replaced by '{c}'";
                    break;
                case 2:
                    if (i + 1 >= name.Length || !char.IsAsciiLetter(name[i + 1])) continue;
                    typo = name[..i] + name[i + 1] + name[i] + name[(i + 2)..];
                    how = $"'{name[i]}{name[i + 1]}' swapped";
                    break;
                default:
                    if (!CyrillicTwins.TryGetValue(name[i], out var twin)) continue;
                    typo = name[..i] + twin + name[(i + 1)..];
                    how = $"'{name[i]}' replaced by the Cyrillic look-alike U+{(int)twin:X4}";
                    break;
            }
            if (string.Equals(typo, name, StringComparison.OrdinalIgnoreCase)) continue;
            var d = Distance(Fold(typo), Fold(name));
            if (d > TypoLimit(Fold(name))) continue;
            if (candidates.Any(o => !string.Equals(o, name, StringComparison.OrdinalIgnoreCase) && Distance(Fold(typo), Fold(o)) <= d)) continue;
            return (typo, how);
        }
        return null;
    }

    /// <summary>Whether <paramref name="name"/> is far from every candidate (not a typo of any).</summary>
    public static bool IsFarFrom(string name, IEnumerable<string> candidates) =>
        candidates.All(c => Distance(Fold(name), Fold(c)) > 3);
}
