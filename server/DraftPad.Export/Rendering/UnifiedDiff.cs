using System.Text;

namespace DraftPad.Export.Rendering;

/// <summary>
/// A unified diff (as <c>git diff</c> prints it: 3 lines of context, a count of 1 left out of the
/// hunk header, "\ No newline at end of file") of two texts, for dry runs.
/// </summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>
    /// The diff of <paramref name="oldText"/> (null: file absent) and <paramref name="newText"/>
    /// (null: file removed); empty when equal.
    /// </summary>
    public static string Create(string path, string? oldText, string? newText)
    {
        if (oldText == newText) return "";
        var a = oldText is null ? [] : SplitLines(oldText);
        var b = newText is null ? [] : SplitLines(newText);
        var ops = Diff(a, b);
        var output = new StringBuilder();
        output.Append("--- ").Append(oldText is null ? "/dev/null" : "a/" + path).Append('\n');
        output.Append("+++ ").Append(newText is null ? "/dev/null" : "b/" + path).Append('\n');
        foreach (var hunk in Hunks(ops))
        {
            var (aStart, aCount, bStart, bCount) = Range(ops, hunk.Start, hunk.End);
            output.Append("@@ -").Append(Span(aStart, aCount)).Append(" +").Append(Span(bStart, bCount)).Append(" @@\n");
            for (var i = hunk.Start; i < hunk.End; i++)
            {
                var (kind, line, _, _) = ops[i];
                // Lines keep their terminator, so a last line without one differs from the same
                // line with one, and is marked as git marks it.
                if (line.EndsWith('\n')) output.Append(kind).Append(line);
                else output.Append(kind).Append(line).Append("\n\\ No newline at end of file\n");
            }
        }
        return output.ToString();
    }

    /// <summary>"start,count", or just "start" for one line (as git writes it).</summary>
    private static string Span(int start, int count) =>
        count == 1 ? start.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{start.ToString(System.Globalization.CultureInfo.InvariantCulture)},{count.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The lines of <paramref name="text"/>, each with its '\n' (the last one may have none).</summary>
    private static string[] SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add(text[start..]);
                break;
            }
            lines.Add(text[start..(end + 1)]);
            start = end + 1;
        }
        return [.. lines];
    }

    /// <summary>Edit script: (' ' | '-' | '+', line, index in a, index in b).</summary>
    private static List<(char Kind, string Line, int A, int B)> Diff(string[] a, string[] b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;
        var n = a.Length - prefix - suffix;
        var m = b.Length - prefix - suffix;
        var ops = new List<(char, string, int, int)>();
        for (var i = 0; i < prefix; i++) ops.Add((' ', a[i], i, i));
        if ((long)n * m > 4_000_000)
        {
            // Too big for the quadratic table: show the middle as replaced.
            for (var i = 0; i < n; i++) ops.Add(('-', a[prefix + i], prefix + i, prefix));
            for (var j = 0; j < m; j++) ops.Add(('+', b[prefix + j], prefix + n, prefix + j));
        }
        else
        {
            // Longest common subsequence of the differing middle.
            var lcs = new int[n + 1, m + 1];
            for (var i = n - 1; i >= 0; i--)
            {
                for (var j = m - 1; j >= 0; j--)
                {
                    lcs[i, j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                }
            }
            int x = 0, y = 0;
            while (x < n || y < m)
            {
                if (x < n && y < m && a[prefix + x] == b[prefix + y]) { ops.Add((' ', a[prefix + x], prefix + x, prefix + y)); x++; y++; }
                // On a tie, delete first: git prints a replaced block's old lines before its new ones.
                else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1])) { ops.Add(('-', a[prefix + x], prefix + x, prefix + y)); x++; }
                else { ops.Add(('+', b[prefix + y], prefix + x, prefix + y)); y++; }
            }
        }
        for (var i = 0; i < suffix; i++)
        {
            ops.Add((' ', a[a.Length - suffix + i], a.Length - suffix + i, b.Length - suffix + i));
        }
        return ops;
    }

    private static IEnumerable<(int Start, int End)> Hunks(List<(char Kind, string Line, int A, int B)> ops)
    {
        var i = 0;
        while (i < ops.Count)
        {
            while (i < ops.Count && ops[i].Kind == ' ') i++;
            if (i == ops.Count) yield break;
            var start = Math.Max(0, i - Context);
            var end = i;
            while (end < ops.Count)
            {
                if (ops[end].Kind != ' ') { end++; continue; }
                var run = end;
                while (run < ops.Count && ops[run].Kind == ' ') run++;
                if (run == ops.Count || run - end > 2 * Context) { end = Math.Min(ops.Count, end + Context); break; }
                end = run;
            }
            yield return (start, end);
            i = end;
        }
    }

    private static (int, int, int, int) Range(List<(char Kind, string Line, int A, int B)> ops, int start, int end)
    {
        var aCount = 0;
        var bCount = 0;
        for (var i = start; i < end; i++)
        {
            if (ops[i].Kind != '+') aCount++;
            if (ops[i].Kind != '-') bCount++;
        }
        // git numbers from 1 and writes the line before an empty range.
        var aStart = aCount == 0 ? ops[start].A : ops[start].A + 1;
        var bStart = bCount == 0 ? ops[start].B : ops[start].B + 1;
        return (aStart, aCount, bStart, bCount);
    }
}
