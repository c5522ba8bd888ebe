namespace DraftPad.Crdt.Tests;

/// <summary>Space-separated lowercase hex, the notation of the wire-format spec's test vectors.</summary>
internal static class Hex
{
    public static byte[] Parse(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static string Format(ReadOnlySpan<byte> bytes)
    {
        var compact = Convert.ToHexString(bytes).ToLowerInvariant();
        var spaced = new System.Text.StringBuilder(compact.Length * 3 / 2);
        for (var i = 0; i < compact.Length; i += 2)
        {
            if (i > 0) spaced.Append(' ');
            spaced.Append(compact, i, 2);
        }
        return spaced.ToString();
    }

    public static string Format(byte[] bytes) => Format(bytes.AsSpan());

    /// <summary>Lowercase hex without separators.</summary>
    public static string Compact(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    public static string Compact(byte[] bytes) => Compact(bytes.AsSpan());
}
