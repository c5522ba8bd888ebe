using System.Text;
using System.Text.Json.Nodes;
using DraftPad.Crdt.Tests.Interop;
using Xunit.Sdk;

namespace DraftPad.Crdt.Tests.Fixtures;

/// <summary>Precise assertions with readable failure messages (hex window around the first differing byte, JSON path of the first difference).</summary>
internal static class FixtureAssert
{
    private const int Window = 24;

    public static void Bytes(byte[] expected, byte[] actual, string what)
    {
        if (expected.AsSpan().SequenceEqual(actual)) return;
        var first = 0;
        while (first < expected.Length && first < actual.Length && expected[first] == actual[first]) first++;
        var sb = new StringBuilder();
        sb.AppendLine($"{what}: bytes differ (expected {expected.Length} bytes, got {actual.Length}); first difference at offset {first}.");
        if (expected.Length <= 4 * Window && actual.Length <= 4 * Window)
        {
            sb.AppendLine("  expected: " + Hex.Format(expected));
            sb.AppendLine("  actual:   " + Hex.Format(actual));
        }
        else
        {
            var from = Math.Max(0, first - Window);
            sb.AppendLine($"  expected[{from}..]: " + Hex.Format(Slice(expected, from, 2 * Window)));
            sb.AppendLine($"  actual  [{from}..]: " + Hex.Format(Slice(actual, from, 2 * Window)));
        }
        throw new XunitException(sb.ToString());
    }

    private static byte[] Slice(byte[] bytes, int from, int count) =>
        from >= bytes.Length ? [] : bytes.AsSpan(from, Math.Min(count, bytes.Length - from)).ToArray();

    public static void Json(JsonNode? expected, JsonNode? actual, string what)
    {
        var path = FirstDifference(expected, actual, "$");
        if (path == null) return;
        throw new XunitException(
            $"{what}: content differs at {path}\n  expected: {Truncate(Render(expected))}\n  actual:   {Truncate(Render(actual))}");
    }

    private static string Render(JsonNode? n) => n?.ToJsonString() ?? "null";

    private static string Truncate(string s) => s.Length <= 2000 ? s : s[..2000] + $"... ({s.Length} chars)";

    /// <summary>The JSON path of the first structural difference (as <see cref="Canonical.Equal"/>), or null.</summary>
    private static string? FirstDifference(JsonNode? a, JsonNode? b, string path)
    {
        if (Canonical.Equal(a, b)) return null;
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var (k, v) in oa)
            {
                if (!ob.TryGetPropertyValue(k, out var w)) return $"{path}.{k} (missing in actual)";
                var d = FirstDifference(v, w, $"{path}.{k}");
                if (d != null) return d;
            }
            foreach (var (k, _) in ob)
            {
                if (!oa.ContainsKey(k)) return $"{path}.{k} (unexpected in actual)";
            }
        }
        else if (a is JsonArray xa && b is JsonArray xb)
        {
            for (var i = 0; i < Math.Min(xa.Count, xb.Count); i++)
            {
                var d = FirstDifference(xa[i], xb[i], $"{path}[{i}]");
                if (d != null) return d;
            }
            return $"{path} (length {xa.Count} expected, {xb.Count} actual)";
        }
        return $"{path}: {Truncate(Render(a))} vs {Truncate(Render(b))}";
    }
}
