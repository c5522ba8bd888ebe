using System.Globalization;

namespace DraftPad.Lint.Analysis;

/// <summary>Parses and formats the covered period: "May 2024", "June &amp; July 2023", "December 2023 &amp; January 2024".</summary>
internal static class CoveredPeriod
{
    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    /// <summary>Parses a period at <paramref name="start"/>; returns the months (first day of each) and the length parsed, or null.</summary>
    public static (List<DateOnly> Months, int Length)? Parse(string text, int start)
    {
        var pos = start;
        if (!ReadMonth(text, ref pos, out var m1)) return null;
        int? y1 = null;
        var save = pos;
        if (ReadSpace(text, ref pos) && ReadYear(text, ref pos, out var yy)) y1 = yy;
        else pos = save;
        save = pos;
        int? m2 = null;
        if (ReadSpace(text, ref pos) && pos < text.Length && text[pos] == '&')
        {
            pos++;
            if (ReadSpace(text, ref pos) && ReadMonth(text, ref pos, out var mm)) m2 = mm;
            else pos = save;
        }
        else pos = save;
        int year;
        if (m2 is null && y1 is int onlyYear)
        {
            return ([new DateOnly(onlyYear, m1, 1)], pos - start);
        }
        save = pos;
        if (!(ReadSpace(text, ref pos) && ReadYear(text, ref pos, out year)))
        {
            pos = save;
            return null;
        }
        if (m2 is null) return ([new DateOnly(year, m1, 1)], pos - start);
        var firstYear = y1 ?? (m1 > m2 ? year - 1 : year);
        return ([new DateOnly(firstYear, m1, 1), new DateOnly(year, m2.Value, 1)], pos - start);
    }

    public static string Format(IReadOnlyList<DateOnly> months)
    {
        if (months.Count == 1) return Name(months[0]) + " " + months[0].Year.ToString(CultureInfo.InvariantCulture);
        var a = months[0];
        var b = months[^1];
        return a.Year == b.Year
            ? $"{Name(a)} & {Name(b)} {b.Year.ToString(CultureInfo.InvariantCulture)}"
            : $"{Name(a)} {a.Year.ToString(CultureInfo.InvariantCulture)} & {Name(b)} {b.Year.ToString(CultureInfo.InvariantCulture)}";
    }

    public static string Name(DateOnly month) => MonthNames[month.Month - 1];

    private static bool ReadSpace(string text, ref int pos)
    {
        var start = pos;
        while (pos < text.Length && text[pos] == ' ') pos++;
        return pos > start;
    }

    private static bool ReadMonth(string text, ref int pos, out int month)
    {
        for (var i = 0; i < 12; i++)
        {
            var name = MonthNames[i];
            if (pos + name.Length <= text.Length && string.Compare(text, pos, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (pos + name.Length == text.Length || !char.IsLetter(text[pos + name.Length])))
            {
                pos += name.Length;
                month = i + 1;
                return true;
            }
        }
        month = 0;
        return false;
    }

    private static bool ReadYear(string text, ref int pos, out int year)
    {
        if (pos + 4 <= text.Length && char.IsAsciiDigit(text[pos]) && char.IsAsciiDigit(text[pos + 1]) && char.IsAsciiDigit(text[pos + 2])
            && char.IsAsciiDigit(text[pos + 3]) && (pos + 4 == text.Length || !char.IsAsciiDigit(text[pos + 4])))
        {
            year = int.Parse(text.AsSpan(pos, 4), CultureInfo.InvariantCulture);
            pos += 4;
            return year is >= 1990 and <= 2200;
        }
        year = 0;
        return false;
    }
}
