using DraftPad.Server.Pads;

namespace DraftPad.Server.Tests.Support;

/// <summary>Pad ids for tests that let anonymous contributors create the pad (the current month, UTC).</summary>
internal static class TestPads
{
    /// <summary>This month (UTC): anyone may create its pad by joining.</summary>
    public static string Current => CurrentId.ToString();

    /// <summary>Next month: contributors may create it too.</summary>
    public static string Next => CurrentId.Next.ToString();

    /// <summary>This month's id.</summary>
    public static PadId CurrentId => PadId.ForDate(DateOnly.FromDateTime(DateTime.UtcNow));
}
