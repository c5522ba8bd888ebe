namespace DraftPad.Export.Tests.Support;

/// <summary>Seeds for randomized tests: DRAFTPAD_SEED replays one; CI uses a fixed seed.</summary>
internal static class TestSettings
{
    public static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("DRAFTPAD_SEED"), out var s) ? s
        : Environment.GetEnvironmentVariable("CI") == "true" ? 20261130 : Random.Shared.Next();
}
