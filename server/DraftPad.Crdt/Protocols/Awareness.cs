namespace DraftPad.Crdt.Protocols;

/// <summary>Which clients an awareness change added, updated and removed, and who caused it.</summary>
public sealed record AwarenessChange(IReadOnlyList<ulong> Added, IReadOnlyList<ulong> Updated, IReadOnlyList<ulong> Removed, object? Origin)
{
    /// <summary>All clients mentioned.</summary>
    public IEnumerable<ulong> All => Added.Concat(Updated).Concat(Removed);
}

/// <summary>
/// Presence (y-protocols awareness): a state per client id with a per-client clock. Follows
/// y-protocols 1.0.7: an entry is applied when its clock is newer, or equal with a null state
/// while a state is held; nobody may remove our own live state (we bump our clock instead);
/// peers not heard from for 30 s are dropped by <see cref="CheckTimeouts"/>, which the owner calls
/// periodically (y-protocols checks every 3 s). Not thread-safe.
/// </summary>
public sealed class Awareness
{
    /// <summary>How long a peer's state lives without a renewal.</summary>
    public static readonly TimeSpan OutdatedTimeout = TimeSpan.FromSeconds(30);

    private readonly Dictionary<ulong, object?> _states = new();
    private readonly Dictionary<ulong, (long Clock, DateTimeOffset LastUpdated)> _meta = new();
    private readonly TimeProvider _time;

    /// <summary>Creates the awareness of <paramref name="clientId"/> (a server uses its document's client id).</summary>
    public Awareness(ulong clientId, TimeProvider? time = null, bool withEmptyLocalState = false)
    {
        ClientId = clientId;
        _time = time ?? TimeProvider.System;
        if (withEmptyLocalState) SetLocalState(new Dictionary<string, object?>());
    }

    /// <summary>Our own client id.</summary>
    public ulong ClientId { get; }

    /// <summary>Raised when states were added, removed, or changed in content.</summary>
    public event Action<AwarenessChange>? Changed;

    /// <summary>Raised on every applied entry, even when only the clock was renewed (what gets relayed).</summary>
    public event Action<AwarenessChange>? Updated;

    /// <summary>The known states by client id.</summary>
    public IReadOnlyDictionary<ulong, object?> States => _states;

    /// <summary>Our own state, or null.</summary>
    public object? LocalState => _states.GetValueOrDefault(ClientId);

    /// <summary>The clock of a client, or null when never seen.</summary>
    public long? ClockOf(ulong clientId) => _meta.TryGetValue(clientId, out var m) ? m.Clock : null;

    /// <summary>Sets (or with null removes) our own state and bumps our clock.</summary>
    public void SetLocalState(object? state)
    {
        state = state == null ? null : AnyValue.Normalize(state);
        var clock = _meta.TryGetValue(ClientId, out var meta) ? meta.Clock + 1 : 0;
        var hadState = _states.TryGetValue(ClientId, out var prev) && prev != null;
        if (state == null) _states.Remove(ClientId);
        else _states[ClientId] = state;
        _meta[ClientId] = (clock, _time.GetUtcNow());
        List<ulong> added = [], updated = [], filtered = [], removed = [];
        if (state == null) removed.Add(ClientId);
        else if (!hadState) added.Add(ClientId);
        else
        {
            updated.Add(ClientId);
            if (!AnyEncoding.AnyEquals(prev, state)) filtered.Add(ClientId);
        }
        if (added.Count + filtered.Count + removed.Count > 0) Changed?.Invoke(new AwarenessChange(added, filtered, removed, "local"));
        Updated?.Invoke(new AwarenessChange(added, updated, removed, "local"));
    }

    /// <summary>Encodes the current entries of <paramref name="clients"/> (unknown ones are skipped).</summary>
    public byte[] EncodeUpdate(IEnumerable<ulong> clients) =>
        AwarenessUpdate.Encode(clients.Where(_meta.ContainsKey)
            .Select(c => new AwarenessEntry(c, _meta[c].Clock, _states.GetValueOrDefault(c))));

    /// <summary>Encodes every known state (the answer to a query-awareness message).</summary>
    public byte[] EncodeAllStates() => EncodeUpdate(_states.Keys.ToList());

    /// <summary>Applies an encoded update; malformed input throws <see cref="YjsDecodeException"/> and changes nothing.</summary>
    public AwarenessChange ApplyUpdate(byte[] update, object? origin) => Apply(AwarenessUpdate.Parse(update), origin);

    /// <summary>Applies a parsed update.</summary>
    public AwarenessChange Apply(AwarenessUpdate update, object? origin)
    {
        var now = _time.GetUtcNow();
        List<ulong> added = [], updated = [], filtered = [], removed = [];
        foreach (var entry in update.Entries)
        {
            var client = entry.ClientId;
            var clock = entry.Clock;
            var state = entry.State;
            var known = _meta.TryGetValue(client, out var meta);
            var hadState = _states.TryGetValue(client, out var prev);
            var currClock = known ? meta.Clock : 0;
            if (!(currClock < clock || (currClock == clock && state == null && hadState))) continue;
            if (state == null)
            {
                if (client == ClientId && LocalState != null)
                {
                    // Nobody removes our live state: answer with a newer clock instead.
                    clock++;
                }
                else
                {
                    _states.Remove(client);
                }
            }
            else
            {
                _states[client] = state;
            }
            _meta[client] = (clock, now);
            if (!known && state != null) added.Add(client);
            else if (known && state == null) removed.Add(client);
            else if (state != null)
            {
                if (!AnyEncoding.AnyEquals(state, prev)) filtered.Add(client);
                updated.Add(client);
            }
        }
        if (added.Count + filtered.Count + removed.Count > 0) Changed?.Invoke(new AwarenessChange(added, filtered, removed, origin));
        var change = new AwarenessChange(added, updated, removed, origin);
        if (added.Count + updated.Count + removed.Count > 0) Updated?.Invoke(change);
        return change;
    }

    /// <summary>Marks <paramref name="clients"/> as gone (e.g. when their connection closed); returns who was removed.</summary>
    public IReadOnlyList<ulong> RemoveStates(IEnumerable<ulong> clients, object? origin)
    {
        var removed = new List<ulong>();
        foreach (var client in clients)
        {
            if (!_states.Remove(client)) continue;
            if (client == ClientId)
            {
                var meta = _meta[client];
                _meta[client] = (meta.Clock + 1, _time.GetUtcNow());
            }
            removed.Add(client);
        }
        if (removed.Count > 0)
        {
            var change = new AwarenessChange([], [], removed, origin);
            Changed?.Invoke(change);
            Updated?.Invoke(change);
        }
        return removed;
    }

    /// <summary>Renews our own state after 15 s and drops peers not heard from for 30 s (origin "timeout").</summary>
    public void CheckTimeouts()
    {
        var now = _time.GetUtcNow();
        if (LocalState != null && _meta.TryGetValue(ClientId, out var own) && now - own.LastUpdated >= OutdatedTimeout / 2)
        {
            SetLocalState(LocalState);
        }
        var outdated = _meta.Where(m => m.Key != ClientId && now - m.Value.LastUpdated >= OutdatedTimeout && _states.ContainsKey(m.Key))
            .Select(m => m.Key).ToList();
        if (outdated.Count > 0) RemoveStates(outdated, "timeout");
    }
}
