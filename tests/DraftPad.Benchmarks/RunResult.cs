namespace DraftPad.Benchmarks;

/// <summary>The metrics of one run (bench-yjs's names; ms, bytes) and the encoded states it produced.</summary>
internal sealed class RunResult
{
    public Dictionary<string, double> Metrics { get; } = new(StringComparer.Ordinal);
    public byte[]? StateV1 { get; private set; }
    public byte[]? StateV2 { get; private set; }

    public double this[string key]
    {
        get => Metrics[key];
        set => Metrics[key] = value;
    }

    public RunResult WithState(byte[]? v1, byte[]? v2)
    {
        StateV1 = v1;
        StateV2 = v2;
        return this;
    }

    /// <summary>Per-metric median over runs (metrics missing from some runs use the runs that have them).</summary>
    public static Dictionary<string, double> Medians(IReadOnlyList<Dictionary<string, double>> runs)
    {
        var keys = runs.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal);
        return keys.ToDictionary(k => k, k => B4.Median(runs.Where(r => r.ContainsKey(k)).Select(r => r[k]).ToList()), StringComparer.Ordinal);
    }
}
