namespace DraftPad.Export.Tests.Support;

/// <summary>A clock tests move by hand; shared by the fake server and the exporter.</summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _sync = new();
    private DateTimeOffset _now = start;

    public ManualTime() : this(new DateTimeOffset(2026, 11, 30, 18, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_sync) return _now;
    }

    public void Advance(TimeSpan by)
    {
        lock (_sync) _now += by;
    }
}

/// <summary>Replaces Task.Delay in the exporter's retries: records each wait and moves the clock instead of sleeping.</summary>
internal sealed class RecordingDelay(ManualTime? time = null)
{
    private readonly Lock _sync = new();
    private readonly List<TimeSpan> _waits = [];

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_sync) return [.. _waits];
        }
    }

    public Task Delay(TimeSpan wait, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_sync) _waits.Add(wait);
        time?.Advance(wait);
        return Task.CompletedTask;
    }
}
