namespace DraftPad.Server.Tests.Support;

/// <summary>Seeds and run lengths of randomized tests: fixed in CI (CI=true), fresh otherwise; DRAFTPAD_SEED replays one.</summary>
internal static class TestSettings
{
    public static bool Long => Environment.GetEnvironmentVariable("DRAFTPAD_LONG") == "1";

    public static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("DRAFTPAD_SEED"), out var s) ? s
        : Environment.GetEnvironmentVariable("CI") == "true" ? 20261123 : Random.Shared.Next();
}
