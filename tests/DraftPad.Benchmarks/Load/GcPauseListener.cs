using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace DraftPad.Benchmarks.Load;

/// <summary>
/// Records this process's garbage-collection pauses (runtime events GCSuspendEEBegin → GCRestartEEEnd)
/// as Stopwatch intervals. The load generator holds a document per client, so its own GC pauses
/// freeze senders and receivers alike; knowing when they happened separates the load generator's
/// share of the latency tail from the server's.
/// </summary>
internal sealed class GcPauseListener : EventListener
{
    private const int GCSuspendEEBegin = 9;
    private const int GCRestartEEEnd = 3;
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly List<(long Start, long End)> _pauses = new();
    private readonly object _lock = new();
    private long _originTimestamp;
    private DateTime _originTime;
    private long _suspendedAt;

    public GcPauseListener()
    {
        _originTime = DateTime.UtcNow;
        _originTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>Pauses that ended after <paramref name="from"/> and began before <paramref name="to"/>, in start order.</summary>
    public List<(long Start, long End)> Pauses(long from, long to)
    {
        lock (_lock) return _pauses.Where(p => p.End > from && p.Start < to).OrderBy(p => p.Start).ToList();
    }

    /// <summary>Total pause time recorded within [from, to), in milliseconds.</summary>
    public double TotalMs(long from, long to) =>
        Pauses(from, to).Sum(p => ClientSamples.Ms(Math.Min(p.End, to) - Math.Max(p.Start, from)));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        // Runs from the base constructor too, before this class's fields are set: touch none of them.
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId is not (GCSuspendEEBegin or GCRestartEEEnd) || _originTimestamp == 0) return;
        var at = _originTimestamp + (long)((eventData.TimeStamp.ToUniversalTime() - _originTime).Ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));
        lock (_lock)
        {
            if (eventData.EventId == GCSuspendEEBegin)
            {
                _suspendedAt = at;
            }
            else if (_suspendedAt != 0)
            {
                _pauses.Add((_suspendedAt, at));
                _suspendedAt = 0;
            }
        }
    }

    /// <summary>Whether [from, to] overlaps one of <paramref name="sortedPauses"/> (sorted by start, non-overlapping).</summary>
    public static bool Overlaps(List<(long Start, long End)> sortedPauses, long from, long to)
    {
        // Last pause starting before `to`.
        int lo = 0, hi = sortedPauses.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sortedPauses[mid].Start < to)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found >= 0 && sortedPauses[found].End > from;
    }
}
