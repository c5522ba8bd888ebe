using System.Globalization;
using DraftPad.Testing;

namespace DraftPad.Lint.Tests;

/// <summary>The tables of docs/lint-corpus.md: the reviewed findings on the published issues.</summary>
internal static class CorpusDoc
{
    public const string RelativePath = "docs/lint-corpus.md";
    public const string FindingsHeading = "## Errors and warnings from 2024-06 on";
    public const string SummaryHeading = "## Summary per issue";

    /// <summary>A row of the findings table: one error or warning (or none, when <see cref="RuleId"/> is null).</summary>
    public sealed record Finding(string Issue, string? RuleId, string? Severity, int? Line, string Text, string Why, int DocLine);

    /// <summary>A row of the summary table.</summary>
    public sealed record Summary(string Issue, int Errors, int Warnings, int Infos, int DocLine);

    public static string Path => System.IO.Path.Combine(SharedData.RepositoryRoot, "docs", "lint-corpus.md");

    public static List<Finding> Findings()
    {
        var rows = new List<Finding>();
        foreach (var (cells, docLine) in TableRows(FindingsHeading))
        {
            if (cells.Length != 6) throw new FormatException($"{RelativePath}:{docLine}: a findings row has 6 cells (issue, rule, severity, line, text, why), not {cells.Length}.");
            var issue = Issue(cells[0], docLine);
            if (cells[1].Contains("none", StringComparison.OrdinalIgnoreCase))
            {
                rows.Add(new Finding(issue, null, null, null, "", "", docLine));
                continue;
            }
            if (!cells[1].StartsWith("NL", StringComparison.Ordinal) || cells[1].Length != 5)
            {
                throw new FormatException($"{RelativePath}:{docLine}: '{cells[1]}' is not a rule id.");
            }
            if (cells[2] is not ("error" or "warning")) throw new FormatException($"{RelativePath}:{docLine}: the severity is 'error' or 'warning', not '{cells[2]}'.");
            if (!int.TryParse(cells[3], NumberStyles.None, CultureInfo.InvariantCulture, out var line)) throw new FormatException($"{RelativePath}:{docLine}: '{cells[3]}' is not a line number.");
            if (cells[5].Length == 0) throw new FormatException($"{RelativePath}:{docLine}: say why the finding is right.");
            rows.Add(new Finding(issue, cells[1], cells[2], line, cells[4], cells[5], docLine));
        }
        return rows;
    }

    public static List<Summary> Summaries()
    {
        var rows = new List<Summary>();
        foreach (var (cells, docLine) in TableRows(SummaryHeading))
        {
            if (cells.Length != 5) throw new FormatException($"{RelativePath}:{docLine}: a summary row has 5 cells (issue, errors, warnings, infos, notes), not {cells.Length}.");
            int Count(string cell) => int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n : throw new FormatException($"{RelativePath}:{docLine}: '{cell}' is not a count.");
            rows.Add(new Summary(Issue(cells[0], docLine), Count(cells[1]), Count(cells[2]), Count(cells[3]), docLine));
        }
        return rows;
    }

    private static string Issue(string cell, int docLine) =>
        DateOnly.TryParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? cell : throw new FormatException($"{RelativePath}:{docLine}: '{cell}' is not an issue's release date (YYYY-MM-DD).");

    /// <summary>The body rows (cells trimmed) of the first table after <paramref name="heading"/>, with their 1-based line in the doc.</summary>
    private static List<(string[] Cells, int DocLine)> TableRows(string heading)
    {
        var lines = File.ReadAllText(Path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == heading);
        if (start < 0) throw new FormatException($"{RelativePath} has no heading '{heading}'.");
        var rows = new List<(string[], int)>();
        var inTable = false;
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith('|'))
            {
                if (inTable) break;
                continue;
            }
            if (!inTable)
            {
                inTable = true;
                i++; // the header row; skip the delimiter row too
                continue;
            }
            rows.Add((SplitRow(line), i + 1));
        }
        if (rows.Count == 0) throw new FormatException($"{RelativePath}: no table under '{heading}'.");
        return rows;
    }

    /// <summary>Cells of a markdown table row: split on '|' (as GitHub does, also inside code spans), '\|' kept as '|'.</summary>
    internal static string[] SplitRow(string row)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var body = row.Trim();
        if (body.StartsWith('|')) body = body[1..];
        if (body.EndsWith('|') && !body.EndsWith("\\|", StringComparison.Ordinal)) body = body[..^1];
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\\' && i + 1 < body.Length && body[i + 1] == '|') { cell.Append('|'); i++; continue; }
            if (c == '|') { cells.Add(cell.ToString().Trim()); cell.Clear(); continue; }
            cell.Append(c);
        }
        cells.Add(cell.ToString().Trim());
        return [.. cells];
    }
}
