using System.Text.Json.Nodes;

namespace DraftPad.Crdt.Protocols;

/// <summary>A client's awareness clock and when its entry was last applied or renewed (y-protocols <c>MetaClientState</c>).</summary>
/// <param name="Clock">The client's awareness clock.</param>
/// <param name="LastUpdated">When the entry was last set, applied or renewed, by the awareness' <see cref="TimeProvider"/>.</param>
public readonly record struct AwarenessMeta(long Clock, DateTimeOffset LastUpdated);

/// <summary>A known, live awareness state of one client. Immutable: a newer state or clock replaces the entry.</summary>
public sealed class AwarenessEntry
{
    private JsonNode? _state;
    private bool _stateMade;

    internal AwarenessEntry(ulong clientId, long clock, DateTimeOffset lastUpdated, JsonState data)
    {
        ClientId = clientId;
        Clock = clock;
        LastUpdated = lastUpdated;
        Data = data;
    }

    /// <summary>The client id.</summary>
    public ulong ClientId { get; }

    /// <summary>The client's awareness clock.</summary>
    public long Clock { get; }

    /// <summary>When the entry was last set, applied or renewed.</summary>
    public DateTimeOffset LastUpdated { get; }

    /// <summary>The state as JS <c>JSON.stringify</c> writes it (compact, JS key order and number format).</summary>
    public string Json => Data.Json;

    /// <summary>
    /// The state as a JSON node, parsed once and cached. Treat it as read-only: changing it does not
    /// change the awareness (use <see cref="Awareness.SetLocalState"/>); call <see cref="JsonNode.DeepClone"/> to edit a copy.
    /// </summary>
    public JsonNode? State
    {
        get
        {
            if (!_stateMade)
            {
                _state = Data.ToNode();
                _stateMade = true;
            }
            return _state;
        }
    }

    internal JsonState Data { get; }

    internal AwarenessEntry With(long clock, DateTimeOffset lastUpdated) => new(ClientId, clock, lastUpdated, Data);
}

/// <summary>The clients an awareness change added, updated and removed, and the origin that caused it.</summary>
public sealed class AwarenessChangeEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="added">Clients that gained a state.</param>
    /// <param name="updated">Clients whose state was updated (for <see cref="Awareness.Changed"/>: whose state changed in content).</param>
    /// <param name="removed">Clients whose state was removed (or, like y-protocols, whose removal of our own state was refused).</param>
    /// <param name="origin">What caused the change: the origin passed to apply/remove, <c>"local"</c> or <c>"timeout"</c>.</param>
    public AwarenessChangeEventArgs(IReadOnlyList<ulong> added, IReadOnlyList<ulong> updated, IReadOnlyList<ulong> removed, object? origin)
    {
        Added = added;
        Updated = updated;
        Removed = removed;
        Origin = origin;
    }

    /// <summary>Clients that gained a state.</summary>
    public IReadOnlyList<ulong> Added { get; }

    /// <summary>Clients whose entry was updated.</summary>
    public IReadOnlyList<ulong> Updated { get; }

    /// <summary>Clients whose state was removed.</summary>
    public IReadOnlyList<ulong> Removed { get; }

    /// <summary>The origin of the change.</summary>
    public object? Origin { get; }

    /// <summary><see cref="Added"/>, <see cref="Updated"/> and <see cref="Removed"/> concatenated: the clients to re-broadcast (as y-websocket does).</summary>
    public IReadOnlyList<ulong> ChangedClients => [.. Added, .. Updated, .. Removed];

    /// <summary>Whether no client is listed.</summary>
    public bool IsEmpty => Added.Count == 0 && Updated.Count == 0 && Removed.Count == 0;
}

/// <summary>
/// Presence information (cursors, user names, ...) shared by all clients of a document: a port of the
/// y-protocols 1.0.7 <c>Awareness</c> class and its functions (spec 6.3).
/// <para>
/// Every client owns one entry (its JSON state and a clock it increments on every change). A received
/// entry is applied iff the known clock is lower, or the clocks are equal, the received state is
/// <c>null</c> and a state is held (anyone may mark a peer offline). A remote attempt to remove our
/// own live state is refused: we keep it and increment our clock, so the resulting
/// <see cref="Updated"/> event makes the owner re-broadcast it. <see cref="CheckTimeouts"/> renews our
/// state after 15 s and drops peers not heard from for 30 s; the owner calls it periodically
/// (y-protocols uses a 3 s interval, <see cref="CheckInterval"/>). The class starts no timers or threads.
/// </para>
/// <para>
/// States are kept as the exact text JS <c>JSON.stringify</c> gives (received text is normalised
/// as a JS peer's <c>JSON.parse</c>/<c>JSON.stringify</c> round trip would), so re-encoded updates are
/// byte-identical to what y-protocols sends. Unlike the JS constructor, which sets <c>{}</c> as the
/// initial local state, an instance starts without a local state (what a server wants; y-websocket's
/// server sets it to null right away). Not thread-safe: use it from one thread or under a lock.
/// </para>
/// </summary>
public sealed class Awareness
{
    /// <summary>A peer's state is dropped when not renewed for this long (y-protocols <c>outdatedTimeout</c>, 30 s).</summary>
    public static readonly TimeSpan OutdatedTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Our own state is re-announced when older than this (half of <see cref="OutdatedTimeout"/>).</summary>
    public static readonly TimeSpan RenewAfter = TimeSpan.FromSeconds(15);

    /// <summary>How often y-protocols checks timeouts (a tenth of <see cref="OutdatedTimeout"/>, 3 s).</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(3);

    private const string LocalOrigin = "local";
    private const string TimeoutOrigin = "timeout";

    // Ordered like JS Maps (insertion order; a re-added key goes last), so encoded updates list clients in the same order.
    private readonly OrderedDictionary<ulong, AwarenessEntry> _states = new();
    private readonly OrderedDictionary<ulong, AwarenessMeta> _meta = new();
    private readonly TimeProvider _time;

    /// <summary>Creates the awareness of a document; its client id is <see cref="YDoc.ClientId"/>.</summary>
    /// <param name="doc">The document.</param>
    /// <param name="timeProvider">Clock for <see cref="AwarenessMeta.LastUpdated"/> and timeouts; <see cref="TimeProvider.System"/> by default.</param>
    public Awareness(YDoc doc, TimeProvider? timeProvider = null)
        : this((doc ?? throw new ArgumentNullException(nameof(doc))).ClientId, timeProvider)
    {
    }

    /// <summary>Creates the awareness of client <paramref name="clientId"/>.</summary>
    /// <param name="clientId">Our own client id (a Yjs client id).</param>
    /// <param name="timeProvider">Clock for <see cref="AwarenessMeta.LastUpdated"/> and timeouts; <see cref="TimeProvider.System"/> by default.</param>
    public Awareness(ulong clientId, TimeProvider? timeProvider = null)
    {
        ClientId = clientId;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Our own client id.</summary>
    public ulong ClientId { get; }

    /// <summary>
    /// Raised when states were added or removed, or changed in content (y-protocols <c>'change'</c>).
    /// <see cref="AwarenessChangeEventArgs.Updated"/> lists only clients whose state differs (deep equality).
    /// </summary>
    public event EventHandler<AwarenessChangeEventArgs>? Changed;

    /// <summary>
    /// Raised for every applied entry, including renewals that only advance the clock
    /// (y-protocols <c>'update'</c>): the clients to re-broadcast.
    /// </summary>
    public event EventHandler<AwarenessChangeEventArgs>? Updated;

    /// <summary>The clock and last-update time of every client ever seen, including removed ones (y-protocols <c>meta</c>).</summary>
    public IReadOnlyDictionary<ulong, AwarenessMeta> Meta => _meta;

    /// <summary>The live states by client id in JS Map order (y-protocols <c>getStates()</c>); removed clients are absent.</summary>
    /// <returns>A live read-only view.</returns>
    public IReadOnlyDictionary<ulong, AwarenessEntry> GetStates() => _states;

    /// <summary>
    /// Our own state, or null. Like y-protocols (<c>states.get(id) || null</c>), a JS-falsy state
    /// (<c>false</c>, <c>0</c>, <c>""</c>) also reads as null.
    /// </summary>
    /// <returns>A fresh copy of the state.</returns>
    public JsonNode? GetLocalState() =>
        _states.TryGetValue(ClientId, out var entry) && entry.Data.IsTruthy ? entry.Data.ToNode() : null;

    /// <summary>Our own state as JSON text, or null (same rules as <see cref="GetLocalState"/>).</summary>
    /// <returns>The JSON text.</returns>
    public string? GetLocalStateJson() =>
        _states.TryGetValue(ClientId, out var entry) && entry.Data.IsTruthy ? entry.Json : null;

    /// <summary>
    /// Sets our own state (null removes it) and increments our clock; raises <see cref="Updated"/>
    /// always and <see cref="Changed"/> when something changed, both with origin <c>"local"</c>.
    /// </summary>
    /// <param name="state">The new state (copied; later changes to the node are not seen).</param>
    public void SetLocalState(JsonNode? state) => SetLocal(JsonState.FromNode(state));

    /// <summary>
    /// Sets one field of our own state (<c>{...state, [field]: value}</c>); does nothing when there is no
    /// local state. A non-object state is spread like JS does (arrays and strings by index, others to <c>{}</c>).
    /// </summary>
    /// <param name="field">The field name.</param>
    /// <param name="value">The new value (copied).</param>
    public void SetLocalStateField(string field, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!_states.TryGetValue(ClientId, out var entry) || !entry.Data.IsTruthy) return;
        var obj = new JsonObject();
        switch (entry.Data.ToNode())
        {
            case JsonObject o:
                foreach (var (k, v) in o.ToList())
                {
                    o.Remove(k);
                    obj[k] = v;
                }
                break;
            case JsonArray a:
                var items = a.ToList();
                a.Clear();
                for (var i = 0; i < items.Count; i++) obj[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = items[i];
                break;
            case JsonValue v when v.TryGetValue(out string? s):
                for (var i = 0; i < s.Length; i++) obj[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = s[i].ToString();
                break;
        }
        obj[field] = value?.DeepClone();
        SetLocalState(obj);
    }

    private void SetLocal(JsonState state)
    {
        var clock = _meta.TryGetValue(ClientId, out var meta) ? meta.Clock + 1 : 0;
        var now = _time.GetUtcNow();
        _states.TryGetValue(ClientId, out var prev);
        if (state.IsNull) _states.Remove(ClientId);
        else _states[ClientId] = new AwarenessEntry(ClientId, clock, now, state);
        _meta[ClientId] = new AwarenessMeta(clock, now);
        List<ulong> added = [], updated = [], filteredUpdated = [], removed = [];
        if (state.IsNull)
        {
            removed.Add(ClientId);
        }
        else if (prev is null)
        {
            added.Add(ClientId);
        }
        else
        {
            updated.Add(ClientId);
            if (!AnyEncoding.AnyEquals(prev.Data.Value, state.Value)) filteredUpdated.Add(ClientId);
        }
        if (added.Count > 0 || filteredUpdated.Count > 0 || removed.Count > 0)
        {
            Changed?.Invoke(this, new AwarenessChangeEventArgs(added, filteredUpdated, removed, LocalOrigin));
        }
        Updated?.Invoke(this, new AwarenessChangeEventArgs(added, updated, removed, LocalOrigin));
    }

    /// <summary>
    /// Encodes the entries of <paramref name="clients"/> (y-protocols <c>encodeAwarenessUpdate</c>):
    /// each with its current clock and state, or <c>null</c> when it has none (removed, or JS-falsy).
    /// Clients never seen have no clock and are skipped (JS would throw). Duplicates are kept.
    /// </summary>
    /// <param name="awareness">The awareness to read from.</param>
    /// <param name="clients">The clients to include, in order.</param>
    /// <returns>The encoded awareness update.</returns>
    public static byte[] EncodeUpdate(Awareness awareness, IEnumerable<ulong> clients)
    {
        ArgumentNullException.ThrowIfNull(awareness);
        ArgumentNullException.ThrowIfNull(clients);
        var known = clients.Where(awareness._meta.ContainsKey).ToList();
        var writer = new Lib0Writer();
        writer.WriteVarUint((ulong)known.Count);
        foreach (var client in known)
        {
            var json = awareness._states.TryGetValue(client, out var entry) && entry.Data.IsTruthy ? entry.Json : "null";
            AwarenessUpdate.Write(writer, client, awareness._meta[client].Clock, json);
        }
        return writer.ToArray();
    }

    /// <summary>Encodes every live state (what y-websocket sends to a new connection and in answer to a query-awareness message).</summary>
    /// <returns>The encoded awareness update (<c>00</c> when no state is known).</returns>
    public byte[] EncodeAllStates() => EncodeUpdate(this, _states.Keys.ToList());

    /// <summary>
    /// Decodes and applies an awareness update (y-protocols <c>applyAwarenessUpdate</c>). The whole update
    /// is decoded first: a malformed one throws and changes nothing.
    /// </summary>
    /// <param name="update">The encoded update.</param>
    /// <param name="origin">Reported in the events (e.g. the connection).</param>
    /// <returns>What the <see cref="Updated"/> event reported (empty when nothing applied).</returns>
    /// <exception cref="YjsDecodeException">The update is malformed; no state changed.</exception>
    public AwarenessChangeEventArgs ApplyUpdate(byte[] update, object? origin) => Apply(AwarenessUpdate.Parse(update), origin);

    /// <summary>Applies an already decoded update (e.g. from <see cref="YMessage.AwarenessUpdate"/>); see <see cref="ApplyUpdate"/>.</summary>
    /// <param name="update">The decoded update.</param>
    /// <param name="origin">Reported in the events.</param>
    /// <returns>What the <see cref="Updated"/> event reported (empty when nothing applied).</returns>
    public AwarenessChangeEventArgs Apply(AwarenessUpdate update, object? origin)
    {
        ArgumentNullException.ThrowIfNull(update);
        var now = _time.GetUtcNow();
        List<ulong> added = [], updated = [], filteredUpdated = [], removed = [];
        foreach (var entry in update.Entries)
        {
            var client = entry.ClientId;
            var clock = entry.Clock;
            var state = entry.StateData;
            var hasMeta = _meta.TryGetValue(client, out var meta);
            _states.TryGetValue(client, out var prev);
            var currClock = hasMeta ? meta.Clock : 0;
            if (!(currClock < clock || (currClock == clock && state.IsNull && prev is not null))) continue;
            if (state.IsNull)
            {
                if (client == ClientId && prev is not null && prev.Data.IsTruthy)
                {
                    // Never let a remote client remove our live state: keep it, announce it with a newer clock.
                    clock++;
                    _states[client] = prev.With(clock, now);
                }
                else
                {
                    _states.Remove(client);
                }
            }
            else
            {
                _states[client] = new AwarenessEntry(client, clock, now, state);
            }
            _meta[client] = new AwarenessMeta(clock, now);
            if (!hasMeta && !state.IsNull)
            {
                added.Add(client);
            }
            else if (hasMeta && state.IsNull)
            {
                removed.Add(client);
            }
            else if (!state.IsNull)
            {
                if (prev is null || !AnyEncoding.AnyEquals(state.Value, prev.Data.Value)) filteredUpdated.Add(client);
                updated.Add(client);
            }
        }
        if (added.Count > 0 || filteredUpdated.Count > 0 || removed.Count > 0)
        {
            Changed?.Invoke(this, new AwarenessChangeEventArgs(added, filteredUpdated, removed, origin));
        }
        var change = new AwarenessChangeEventArgs(added, updated, removed, origin);
        if (!change.IsEmpty) Updated?.Invoke(this, change);
        return change;
    }

    /// <summary>
    /// Marks clients as gone (y-protocols <c>removeAwarenessStates</c>), e.g. the clients a closed
    /// connection had announced. Removing our own state increments our clock. Raises
    /// <see cref="Changed"/> and <see cref="Updated"/> when anything was removed; encode the result with
    /// <see cref="EncodeUpdate"/> to broadcast the removal (state <c>null</c>).
    /// </summary>
    /// <param name="clients">The clients to remove; those without a state are ignored.</param>
    /// <param name="origin">Reported in the events.</param>
    /// <returns>The clients actually removed.</returns>
    public IReadOnlyList<ulong> RemoveStates(IEnumerable<ulong> clients, object? origin)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var removed = new List<ulong>();
        foreach (var client in clients)
        {
            if (!_states.Remove(client)) continue;
            if (client == ClientId)
            {
                _meta[client] = new AwarenessMeta(_meta[client].Clock + 1, _time.GetUtcNow());
            }
            removed.Add(client);
        }
        if (removed.Count > 0)
        {
            Changed?.Invoke(this, new AwarenessChangeEventArgs([], [], removed, origin));
            Updated?.Invoke(this, new AwarenessChangeEventArgs([], [], removed, origin));
        }
        return removed;
    }

    /// <summary>
    /// The periodic check of y-protocols (call it every <see cref="CheckInterval"/>): re-announces our own
    /// state when it is at least <see cref="RenewAfter"/> old (a <c>"local"</c> update with the same state and
    /// a newer clock), then removes peers whose entries are at least <see cref="OutdatedTimeout"/> old
    /// (origin <c>"timeout"</c>).
    /// </summary>
    /// <returns>The peers removed.</returns>
    public IReadOnlyList<ulong> CheckTimeouts()
    {
        var now = _time.GetUtcNow();
        if (_states.TryGetValue(ClientId, out var own) && own.Data.IsTruthy && now - _meta[ClientId].LastUpdated >= RenewAfter)
        {
            SetLocal(own.Data);
        }
        var outdated = new List<ulong>();
        foreach (var (client, meta) in _meta)
        {
            if (client != ClientId && now - meta.LastUpdated >= OutdatedTimeout && _states.ContainsKey(client)) outdated.Add(client);
        }
        return outdated.Count > 0 ? RemoveStates(outdated, TimeoutOrigin) : [];
    }

    /// <summary>
    /// Rewrites the states of an encoded update (y-protocols <c>modifyAwarenessUpdate</c>), e.g. so a server can
    /// stop clients from impersonating others. Clients and clocks are kept; each state is passed to
    /// <paramref name="modify"/> (null for a removal) and its result is written as JS <c>JSON.stringify</c> would.
    /// </summary>
    /// <param name="update">The encoded update; it is decoded completely first.</param>
    /// <param name="modify">Maps a state to its replacement; it receives a fresh node it may change.</param>
    /// <returns>The re-encoded update.</returns>
    /// <exception cref="YjsDecodeException">The update is malformed.</exception>
    public static byte[] ModifyUpdate(byte[] update, Func<JsonNode?, JsonNode?> modify)
    {
        ArgumentNullException.ThrowIfNull(modify);
        var parsed = AwarenessUpdate.Parse(update);
        return AwarenessUpdate.Encode(parsed.Entries.Select(e => new AwarenessUpdateEntry(e.ClientId, e.Clock, modify(e.State))));
    }
}
