using System.Diagnostics;

namespace DraftPad.Benchmarks.Load;

/// <summary>One edit as its sender sent it: the client's clock range [Start, End), the send timestamp and the server node the sender is connected to.</summary>
internal readonly record struct SendRecord(long Start, long End, long Timestamp, int Node = 0);

/// <summary>
/// What every sender sent, shared by all clients of the process (one Stopwatch time base): per client
/// id, its edits in clock order. A receiver that learns clocks (from, to] of a client looks up the
/// edits in that range and records one delivery each.
/// </summary>
internal sealed class SendRegistry
{
    private readonly Dictionary<ulong, List<SendRecord>> _bySender = new();

    public void AddSender(ulong clientId)
    {
        lock (_bySender) _bySender.Add(clientId, new List<SendRecord>(256));
    }

    public void Add(ulong clientId, SendRecord record)
    {
        var list = Sender(clientId)!;
        lock (list) list.Add(record);
    }

    /// <summary>The edit of <paramref name="clientId"/> that starts at <paramref name="start"/>, if that client is a benchmark client and sent it.</summary>
    public bool TryGet(ulong clientId, long start, out SendRecord record)
    {
        record = default;
        var list = Sender(clientId);
        if (list == null) return false;
        lock (list)
        {
            var i = IndexOfStart(list, start);
            if (i < 0 || i >= list.Count || list[i].Start != start) return false;
            record = list[i];
            return true;
        }
    }

    /// <summary>Calls <paramref name="found"/> for every edit of the client lying within clocks [from, to).</summary>
    public void ForRange(ulong clientId, long from, long to, Action<SendRecord> found)
    {
        var list = Sender(clientId);
        if (list == null) return;
        lock (list)
        {
            for (var i = Math.Max(0, IndexOfStart(list, from)); i < list.Count && list[i].End <= to; i++)
            {
                if (list[i].Start >= from) found(list[i]);
            }
        }
    }

    /// <summary>The first edit of <paramref name="clientId"/> ending after <paramref name="clock"/> (the first one a receiver at that clock lacks).</summary>
    public SendRecord? FirstAfter(ulong clientId, long clock)
    {
        var list = Sender(clientId);
        if (list == null) return null;
        lock (list)
        {
            foreach (var r in list)
            {
                if (r.End > clock) return r;
            }
            return null;
        }
    }

    /// <summary>Total edits sent, and those whose send time lies in [windowStart, windowEnd).</summary>
    public (long Total, long InWindow) Count(long windowStart, long windowEnd)
    {
        long total = 0, inWindow = 0;
        lock (_bySender)
        {
            foreach (var list in _bySender.Values)
            {
                lock (list)
                {
                    total += list.Count;
                    inWindow += list.Count(r => r.Timestamp >= windowStart && r.Timestamp < windowEnd);
                }
            }
        }
        return (total, inWindow);
    }

    private List<SendRecord>? Sender(ulong clientId)
    {
        lock (_bySender) return _bySender.TryGetValue(clientId, out var list) ? list : null;
    }

    /// <summary>Index of the first record whose Start is at least <paramref name="start"/> (records are in clock order).</summary>
    private static int IndexOfStart(List<SendRecord> list, long start)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid].Start < start) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}

/// <summary>
/// Latency samples of one client (it is only written under that client's lock, so no further
/// locking): end-to-end delivery latencies of edits it received and ack latencies of edits it sent,
/// each kept only when the edit's send time lies in the measured window. With several server nodes
/// (<paramref name="splitByNode"/>) the deliveries are also kept apart by whether the sender is on
/// this client's <paramref name="node"/> or on another one.
/// </summary>
internal sealed class ClientSamples(MeasureWindow window, int node = 0, bool splitByNode = false)
{
    public List<double> Deliveries { get; } = new(4096);

    /// <summary>Send timestamps of <see cref="Deliveries"/> (same order), for latency over time.</summary>
    public List<long> DeliverySendTimes { get; } = new(4096);

    public List<double> Acks { get; } = new(128);

    /// <summary>Deliveries from senders on this client's node (only with several nodes).</summary>
    public List<double> SameNode { get; } = new(splitByNode ? 2048 : 0);

    /// <summary>Deliveries from senders on another node (only with several nodes).</summary>
    public List<double> CrossNode { get; } = new(splitByNode ? 2048 : 0);

    /// <summary>Every delivery recorded, in the window or not.</summary>
    public long DeliveredTotal { get; private set; }

    public void Delivered(SendRecord sent, long now)
    {
        DeliveredTotal++;
        if (!InWindow(sent.Timestamp)) return;
        var ms = Ms(now - sent.Timestamp);
        Deliveries.Add(ms);
        DeliverySendTimes.Add(sent.Timestamp);
        if (splitByNode) (sent.Node == node ? SameNode : CrossNode).Add(ms);
    }

    public void Acked(long sentAt, long now)
    {
        if (InWindow(sentAt)) lock (Acks) Acks.Add(Ms(now - sentAt));
    }

    private bool InWindow(long ts) => window.Contains(ts);

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>The measured window in Stopwatch timestamps: fixed once every client is connected, before the first edit.</summary>
internal sealed class MeasureWindow
{
    private long _start = long.MaxValue, _end = long.MaxValue;

    public void Set(long start, long end)
    {
        Volatile.Write(ref _end, end);
        Volatile.Write(ref _start, start);
    }

    public long Start => Volatile.Read(ref _start);

    public bool Contains(long timestamp) => timestamp >= Volatile.Read(ref _start) && timestamp < Volatile.Read(ref _end);
}

/// <summary>Percentiles and a coarse histogram of latency samples (milliseconds).</summary>
internal sealed class LatencySummary
{
    public static readonly double[] BucketBounds = [1, 2, 5, 10, 25, 50, 100, 250, 1000];

    public long Count { get; init; }
    public double Mean { get; init; }
    public double P50 { get; init; }
    public double P90 { get; init; }
    public double P99 { get; init; }
    public double P999 { get; init; }
    public double Max { get; init; }

    /// <summary>Samples per bucket: below 1 ms, 1–2, 2–5, …, at least 1000 ms (BucketBounds.Length + 1 buckets).</summary>
    public long[] Buckets { get; init; } = [];

    public static LatencySummary Of(IEnumerable<List<double>> parts)
    {
        var all = new List<double>();
        foreach (var p in parts) all.AddRange(p);
        if (all.Count == 0) return new LatencySummary { Buckets = new long[BucketBounds.Length + 1] };
        all.Sort();
        var buckets = new long[BucketBounds.Length + 1];
        foreach (var v in all)
        {
            var b = 0;
            while (b < BucketBounds.Length && v >= BucketBounds[b]) b++;
            buckets[b]++;
        }
        return new LatencySummary
        {
            Count = all.Count,
            Mean = all.Average(),
            P50 = Percentile(all, 0.50),
            P90 = Percentile(all, 0.90),
            P99 = Percentile(all, 0.99),
            P999 = Percentile(all, 0.999),
            Max = all[^1],
            Buckets = buckets,
        };
    }

    /// <summary>p99 and max of the deliveries of edits sent in each second of the window (latency over time).</summary>
    public static List<(double P99, double Max)> PerSecond(IEnumerable<ClientSamples> clients, long windowStart, int seconds)
    {
        var buckets = Enumerable.Range(0, seconds).Select(_ => new List<double>()).ToArray();
        foreach (var c in clients)
        {
            for (var i = 0; i < c.Deliveries.Count; i++)
            {
                var second = (int)((c.DeliverySendTimes[i] - windowStart) / Stopwatch.Frequency);
                if (second >= 0 && second < seconds) buckets[second].Add(c.Deliveries[i]);
            }
        }
        return buckets.Select(b =>
        {
            if (b.Count == 0) return (double.NaN, double.NaN);
            b.Sort();
            return (Percentile(b, 0.99), b[^1]);
        }).ToList();
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    private static double Percentile(List<double> sorted, double q)
    {
        var rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
