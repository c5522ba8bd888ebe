using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace DraftPad.Server.Pads;

/// <summary>A pad's id: the month it covers, written <c>YYYY-MM</c> (for example <c>2026-11</c>).</summary>
public readonly record struct PadId(int Year, int Month) : IComparable<PadId>
{
    /// <summary>The error shown for any id that is not a month.</summary>
    public const string FormatError = "A pad id is a month written YYYY-MM (for example 2026-11), with a year from 2000 to 2999.";

    /// <summary>Parses <c>YYYY-MM</c> strictly: four digits, a dash, two digits, month 01 to 12.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out PadId id)
    {
        id = default;
        if (text is not { Length: 7 } || text[4] != '-') return false;
        for (var i = 0; i < 7; i++)
        {
            if (i != 4 && !char.IsAsciiDigit(text[i])) return false;
        }
        var year = int.Parse(text.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var month = int.Parse(text.AsSpan(5, 2), CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2999 || month is < 1 or > 12) return false;
        id = new PadId(year, month);
        return true;
    }

    /// <summary>The month containing <paramref name="date"/>.</summary>
    public static PadId ForDate(DateOnly date) => new(date.Year, date.Month);

    /// <summary>The following month.</summary>
    public PadId Next => Month == 12 ? new PadId(Year + 1, 1) : new PadId(Year, Month + 1);

    /// <summary>The default planned release date: the 5th of the next month.</summary>
    public DateOnly DefaultReleaseDate => new(Next.Year, Next.Month, 5);

    /// <summary>The month's English name and year, as the newsletter writes it ("November 2026").</summary>
    public string DisplayName => new DateOnly(Year, Month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public int CompareTo(PadId other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    /// <inheritdoc />
    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
