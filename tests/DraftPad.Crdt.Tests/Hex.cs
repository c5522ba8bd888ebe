namespace DraftPad.Crdt.Tests;

internal static class Hex
{
    public static byte[] Parse(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    public static string Format(byte[] bytes) => string.Join(" ", bytes.Select(b => b.ToString("x2")));
}
