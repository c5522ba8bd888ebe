namespace DraftPad.Server.Guards;

/// <summary>
/// A token bucket per connection: <see cref="LimitsOptions.MessageBurst"/> tokens, refilled at
/// <see cref="LimitsOptions.MessagesPerSecond"/>. Cheap enough to consult on every message.
/// </summary>
internal sealed class ConnectionRateLimiter(LimitsOptions limits, TimeProvider time)
{
    private readonly object _lock = new();
    private double _tokens = limits.MessageBurst;
    private long _last = time.GetTimestamp();

    /// <summary>Takes one token; false when the connection is over its rate.</summary>
    public bool TryAcquire()
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            var elapsed = time.GetElapsedTime(_last, now).TotalSeconds;
            _last = now;
            _tokens = Math.Min(limits.MessageBurst, _tokens + elapsed * limits.MessagesPerSecond);
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }
}
