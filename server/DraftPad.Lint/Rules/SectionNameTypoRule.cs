using System.Text;
using DraftPad.Lint.Analysis;

namespace DraftPad.Lint.Rules;

/// <summary>NL014: a section or subsection name with a typo or a look-alike non-Latin letter ("XSF Announcments").</summary>
internal sealed class SectionNameTypoRule() : Rule("NL014", LintSeverity.Error, "section-name-typo")
{
    public override void Check(LintContext context)
    {
        if (!context.IsCurrentLayout) return;
        foreach (var h in context.Headings)
        {
            if (h.MissingSpace || NearMiss(h) is not string name) continue;
            Report(context, h.TextOffset, h.TextLength, $"'{h.Text}' looks like a misspelling of '{name}': write '{name}'.",
                Edits.Fix($"Rename to '{name}'", new TextEdit(h.TextOffset, h.TextLength, name)));
        }
    }

    /// <summary>The known name <paramref name="h"/> almost spells (and does not), or null.</summary>
    internal static string? NearMiss(HeadingInfo h)
    {
        IEnumerable<string> candidates;
        if (h.Section is not null || h.IsKnownSubsection) return null;
        if (h.Level <= 2) candidates = NewsletterLayout.Sections.SelectMany(s => s.Names);
        else if (h.EffectiveLevel == 3 && h.Parent?.Section is SectionDef parent) candidates = parent.Subsections;
        else return null;
        var text = Fold(h.Text);
        string? best = null;
        var bestDistance = int.MaxValue;
        var ties = 0;
        foreach (var c in candidates)
        {
            var folded = Fold(c);
            var d = string.Equals(text, folded, StringComparison.Ordinal) ? 0 : Distance(text, folded, 3);
            var limit = folded.Length <= 6 ? 1 : 2;
            if (d > limit) continue;
            if (d < bestDistance) { best = c; bestDistance = d; ties = 0; }
            else if (d == bestDistance && !string.Equals(best, c, StringComparison.OrdinalIgnoreCase)) ties++;
        }
        return ties == 0 ? best : null;
    }

    /// <summary>Lowercase, with Cyrillic and Greek look-alikes mapped to their Latin twins.</summary>
    private static string Fold(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            var c = char.ToLowerInvariant(ch);
            sb.Append(c switch
            {
                'а' => 'a', 'е' => 'e', 'о' => 'o', 'р' => 'p', 'с' => 'c', 'у' => 'y', 'х' => 'x', 'і' => 'i', 'ј' => 'j',
                'ѕ' => 's', 'к' => 'k', 'м' => 'm', 'н' => 'h', 'т' => 't', 'в' => 'b', 'ԁ' => 'd', 'ո' => 'n',
                'α' => 'a', 'ο' => 'o', 'ρ' => 'p', 'ε' => 'e', 'ι' => 'i', 'κ' => 'k', 'ν' => 'v', 'τ' => 't', 'υ' => 'u',
                _ => c,
            });
        }
        return sb.ToString();
    }

    /// <summary>Levenshtein distance, stopping early above <paramref name="max"/>.</summary>
    private static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                rowMin = Math.Min(rowMin, cur[j]);
            }
            if (rowMin > max) return max + 1;
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
