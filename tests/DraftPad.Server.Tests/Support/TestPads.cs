using DraftPad.Server.Pads;

namespace DraftPad.Server.Tests.Support;

/// <summary>Pad ids for tests that let anonymous contributors create the pad (the current month, UTC).</summary>
internal static class TestPads
{
    public static string Current => PadId.ForDate(DateOnly.FromDateTime(DateTime.UtcNow)).ToString();
}
