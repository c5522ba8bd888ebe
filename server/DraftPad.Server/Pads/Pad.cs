using System.Collections.Concurrent;
using DraftPad.Crdt;
using DraftPad.Crdt.Protocols;

namespace DraftPad.Server.Pads;

/// <summary>
/// One loaded pad: the authoritative document, its presence, and the bookkeeping of its stored
/// size. Neither the document nor the awareness is thread-safe, so every use goes through
/// <see cref="Gate"/> (held only for in-memory work, never across a storage wait).
/// </summary>
public sealed class Pad
{
    private readonly List<byte[]> _emitted = [];
    private readonly Dictionary<ulong, string> _awarenessOwners = [];

    internal Pad(PadId id, YDoc doc, long snapshotBytes, long logBytes, int logCount, TimeProvider time)
    {
        Id = id;
        Doc = doc;
        Awareness = new Awareness(doc.ClientId, time);
        SnapshotBytes = snapshotBytes;
        LogBytes = logBytes;
        LogCount = logCount;
        Doc.UpdateV1 += (_, e) => _emitted.Add(e.Update);
    }

    /// <summary>The month.</summary>
    public PadId Id { get; }

    /// <summary>Serializes all access to <see cref="Doc"/> and <see cref="Awareness"/>.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    internal YDoc Doc { get; }

    internal Awareness Awareness { get; }

    internal long SnapshotBytes { get; set; }

    internal long LogBytes { get; set; }

    internal int LogCount { get; set; }

    /// <summary>Set when a write failed: the next write must be a full snapshot (see PadManager).</summary>
    internal volatile bool NeedsSnapshot;

    /// <summary>
    /// Shared store only: the log position up to which <see cref="Doc"/> holds every update, whoever
    /// appended it (set under both <see cref="CatchUpGate"/> and <see cref="Gate"/>).
    /// </summary>
    internal string? Position { get; set; }

    /// <summary>Shared store only: one read of the log at a time (taken before <see cref="Gate"/>, never inside it).</summary>
    internal SemaphoreSlim CatchUpGate { get; } = new(1, 1);

    /// <summary>Shared store only: 1 while a catch-up was requested and has not started.</summary>
    internal int CatchUpRequested;

    /// <summary>Shared store only: 1 while this node tries to compact the pad.</summary>
    internal int CompactionRunning;

    /// <summary>
    /// Shared store only: the document's state vector at the last periodic resync (at first: at
    /// load; under <see cref="Gate"/>). Each periodic resync sends the local clients every change
    /// since, so a fan-out message lost for any reason is repaired by the next one.
    /// </summary>
    internal byte[]? ResyncVector { get; set; }

    private readonly HashSet<string> _announced = [];

    /// <summary>Shared store only: the highest log position another node announced as stored and fanned out.</summary>
    internal string? MaxAnnounced { get; private set; }

    /// <summary>Records positions another node stored and fanned out (its clients and ours got them already).</summary>
    internal void Announce(IEnumerable<string> positions, Comparison<string> compare)
    {
        lock (_announced)
        {
            foreach (var position in positions)
            {
                _announced.Add(position);
                if (MaxAnnounced is null || compare(position, MaxAnnounced) > 0) MaxAnnounced = position;
            }
        }
    }

    /// <summary>Whether a position was announced (and forgets it).</summary>
    internal bool TakeAnnounced(string position)
    {
        lock (_announced) return _announced.Remove(position);
    }

    /// <summary>Forgets announcements at or before a position this node has read.</summary>
    internal void PruneAnnounced(string readUpTo, Comparison<string> compare)
    {
        lock (_announced) _announced.RemoveWhere(p => compare(p, readUpTo) <= 0);
    }

    private readonly ConcurrentDictionary<string, byte> _localConnections = new();

    /// <summary>The connections of this node that joined the pad (to heal them after a gap in the fan-out).</summary>
    internal ICollection<string> LocalConnections => _localConnections.Keys;

    internal void AttachConnection(string connectionId) => _localConnections.TryAdd(connectionId, 0);

    internal void DetachConnection(string connectionId) => _localConnections.TryRemove(connectionId, out _);

    private readonly List<byte[]> _unpublished = [];

    /// <summary>Keeps the updates of a change whose write failed: not fanned out yet.</summary>
    internal void AddUnpublished(IEnumerable<byte[]> updates)
    {
        lock (_unpublished) _unpublished.AddRange(updates);
    }

    /// <summary>The updates kept by <see cref="AddUnpublished"/>, now to be fanned out (and forgets them).</summary>
    internal List<byte[]> TakeUnpublished()
    {
        lock (_unpublished)
        {
            var taken = new List<byte[]>(_unpublished);
            _unpublished.Clear();
            return taken;
        }
    }

    /// <summary>Stored size: snapshot plus log.</summary>
    internal long StoredBytes => SnapshotBytes + LogBytes;

    /// <summary>The markdown (the Y.Text <c>content</c>). Call under <see cref="Gate"/>.</summary>
    internal string Markdown => Doc.GetText(PadMeta.ContentRoot).ToString();

    internal PadStatus Status => PadMeta.GetStatus(Doc);

    internal DateOnly ReleaseDate => PadMeta.GetReleaseDate(Doc, Id);

    /// <summary>Runs <paramref name="change"/> and returns the V1 updates the document emitted for it (none when nothing changed).</summary>
    internal List<byte[]> Capture(Action change)
    {
        _emitted.Clear();
        change();
        var result = new List<byte[]>(_emitted);
        _emitted.Clear();
        return result;
    }

    /// <summary>
    /// Which connection announced an awareness client id (to refuse impersonation and to clean up after it);
    /// ids announced on another node are owned by <c>@</c> + that node's id.
    /// </summary>
    internal bool TryGetAwarenessOwner(ulong clientId, out string owner) => _awarenessOwners.TryGetValue(clientId, out owner!);

    internal void SetAwarenessOwner(ulong clientId, string connectionId) => _awarenessOwners[clientId] = connectionId;

    internal List<ulong> ReleaseAwarenessOf(string connectionId)
    {
        var owned = _awarenessOwners.Where(p => p.Value == connectionId).Select(p => p.Key).ToList();
        foreach (var id in owned) _awarenessOwners.Remove(id);
        return owned;
    }

    internal void ForgetAwarenessOwners(IEnumerable<ulong> clientIds)
    {
        foreach (var id in clientIds) _awarenessOwners.Remove(id);
    }
}
