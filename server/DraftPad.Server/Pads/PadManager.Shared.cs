using DraftPad.Crdt;
using DraftPad.Crdt.Protocols;
using DraftPad.Server.Storage;

namespace DraftPad.Server.Pads;

/// <summary>Why a node reads a pad's shared log.</summary>
internal enum CatchUpReason
{
    /// <summary>Another node announced updates it stored and fanned out (to this node's clients too).</summary>
    Notification,

    /// <summary>A client joins: its step 2 must hold what is stored.</summary>
    Join,

    /// <summary>A client's update depends on changes this node has not read yet.</summary>
    Unresolved,

    /// <summary>A REST read: answer with what is stored.</summary>
    Read,

    /// <summary>Before compacting: the snapshot must hold the log up to the position it claims.</summary>
    Compaction,

    /// <summary>Periodic, or after Redis came back.</summary>
    Resync,
}

public sealed partial class PadManager
{
    /// <summary>The store when several nodes share it; null for the embedded store.</summary>
    internal ISharedPadStore? Shared => store as ISharedPadStore;

    /// <summary>Prefix of awareness owners on other nodes.</summary>
    private const string RemoteOwnerPrefix = "@";

    private static bool IsRemoteOwner(string owner) => owner.StartsWith(RemoteOwnerPrefix, StringComparison.Ordinal);

    /// <summary>The pad if this node has it in memory (nothing is loaded for it).</summary>
    internal Pad? TryGetLoaded(PadId id) =>
        _pads.TryGetValue(id, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully ? lazy.Value.Result : null;

    /// <summary>Records that a connection of this node joined the pad.</summary>
    public void AttachConnection(Pad pad, string connectionId) => pad.AttachConnection(connectionId);

    /// <summary>Shared store: reads the log so that the document holds everything stored (before a REST read).</summary>
    public Task RefreshAsync(Pad pad) => CatchUpAsync(pad, CatchUpReason.Read);

    private async Task<Pad?> LoadSharedAsync(PadId id)
    {
        var changes = await Shared!.ReadAfterAsync(id, null);
        if (changes is null) return null;
        var doc = new YDoc();
        try
        {
            if (changes.Snapshot is { } snapshot) doc.ApplyUpdate(snapshot, StorageOrigin);
            foreach (var update in changes.Updates) doc.ApplyUpdate(update.Data, StorageOrigin);
        }
        catch (YjsDecodeException e)
        {
            Log.Corrupt(logger, id.ToString(), e);
            throw new InvalidOperationException($"The stored state of pad {id} cannot be read: {e.Message}", e);
        }
        Log.Loaded(logger, id.ToString(), changes.Updates.Count, changes.SnapshotBytes + changes.LogBytes);
        var pad = new Pad(id, doc, changes.SnapshotBytes, changes.LogBytes, changes.LogCount, time) { Position = changes.Position };
        pad.ResyncVector = doc.EncodeStateVector(); // the first resync repairs anything since the load
        return pad;
    }

    /// <summary>
    /// Shared store: applies what other nodes appended to the pad's log since this node last read it
    /// (and the snapshot, when a compaction passed this node's position). What was not announced as
    /// fanned out (its node may have died first, or the announcement is still on its way) goes to
    /// this node's clients as well; a duplicate is harmless, a gap is not.
    /// </summary>
    internal async Task CatchUpAsync(Pad pad, CatchUpReason reason)
    {
        if (Shared is not { } shared) return;
        var emitted = new List<byte[]>();
        var forward = new List<byte[]>();
        await pad.CatchUpGate.WaitAsync();
        try
        {
            // A notification reads only as far as what was announced: later updates are still being fanned out.
            var until = reason == CatchUpReason.Notification ? pad.MaxAnnounced : null;
            if (until != null && pad.Position != null && shared.ComparePositions(until, pad.Position) <= 0) return;
            var changes = await shared.ReadAfterAsync(pad.Id, pad.Position, until);
            if (changes is null) return;
            await pad.Gate.WaitAsync();
            try
            {
                if (changes.Snapshot is { } snapshot)
                {
                    var fromSnapshot = pad.Capture(() => ApplyFromLog(pad, snapshot, "snapshot"));
                    emitted.AddRange(fromSnapshot);
                    forward.AddRange(fromSnapshot);
                }
                foreach (var update in changes.Updates)
                {
                    // This node's own updates are in its document already.
                    if (update.Node == shared.NodeId) continue;
                    var fromUpdate = pad.Capture(() => ApplyFromLog(pad, update.Data, update.Position));
                    emitted.AddRange(fromUpdate);
                    if (!pad.TakeAnnounced(update.Position)) forward.AddRange(fromUpdate);
                }
                pad.Position = changes.Position;
                pad.SnapshotBytes = changes.SnapshotBytes;
                pad.LogBytes = changes.LogBytes;
                pad.LogCount = changes.LogCount;
            }
            finally
            {
                pad.Gate.Release();
            }
            pad.PruneAnnounced(changes.Position, shared.ComparePositions);
        }
        finally
        {
            pad.CatchUpGate.Release();
        }
        if (reason != CatchUpReason.Compaction && NeedsCompaction(pad)) ScheduleCompaction(pad);
        if (emitted.Count == 0) return;
        Log.CaughtUp(logger, pad.Id.ToString(), emitted.Count, reason.ToString());
        Changed?.Invoke(pad.Id);
        if (forward.Count > 0)
        {
            var update = forward.Count == 1 ? forward[0] : YUpdates.MergeUpdates(forward);
            await SendToLocalClientsAsync(pad, [YMessage.EncodeSync(SyncProtocol.EncodeUpdate(update))]);
        }
    }

    private void ApplyFromLog(Pad pad, byte[] update, string where)
    {
        try
        {
            pad.Doc.ApplyUpdate(update, StorageOrigin);
        }
        catch (YjsDecodeException e)
        {
            // Skipped, not fatal: one unreadable entry must not stop the node from following the pad.
            Log.CorruptEntry(logger, pad.Id.ToString(), where, e);
        }
    }

    /// <summary>
    /// Heals this node's clients of a pad: reads the log (forwarding what it finds), sends them the
    /// whole state after Redis was unreachable (<paramref name="sendState"/>: any fan-out in between
    /// may be lost) or else every change since the previous resync (a fan-out message lost without
    /// any error, e.g. on the backplane, is repaired by the next periodic resync: the change was in
    /// this node's document before it was fanned out; clients ignore what they have), and sync
    /// step 1, which they answer with whatever this node lacks.
    /// </summary>
    internal async Task ResyncAsync(Pad pad, bool sendState)
    {
        await CatchUpAsync(pad, CatchUpReason.Resync);
        var messages = await ReadAsync(pad, p =>
        {
            var vector = p.Doc.EncodeStateVector();
            var since = p.ResyncVector;
            p.ResyncVector = vector;
            var list = new List<byte[]>();
            // The changes since then (and, as always in Yjs, the whole delete set: deletions are idempotent).
            if (sendState || (since is not null && !since.AsSpan().SequenceEqual(vector)))
            {
                list.Add(YMessage.EncodeSync(SyncProtocol.EncodeUpdate(p.Doc.EncodeStateAsUpdate(sendState ? default : since))));
            }
            list.Add(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(p.Doc)));
            return list.ToArray();
        });
        if (pad.LocalConnections.Count == 0) return;
        await SendToLocalClientsAsync(pad, messages);
    }

    private async Task SendToLocalClientsAsync(Pad pad, byte[][] messages)
    {
        foreach (var connection in pad.LocalConnections.ToList())
        {
            try
            {
                foreach (var message in messages) await broadcaster.SendToConnectionAsync(connection, pad.Id, message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.HealFailed(logger, pad.Id.ToString(), connection, e);
            }
        }
    }

    /// <summary>Presence announced on another node: kept here too (for joins, query-awareness and expiry).</summary>
    internal async Task ApplyRemoteAwarenessAsync(PadId id, AwarenessUpdate update, string node)
    {
        if (TryGetLoaded(id) is not { } pad) return;
        await pad.Gate.WaitAsync();
        try
        {
            var change = pad.Awareness.Apply(update, RemoteOwnerPrefix + node);
            foreach (var entry in update.Entries)
            {
                if (entry.IsRemoval) continue;
                // A client that moved to this node is owned by its connection here.
                if (pad.TryGetAwarenessOwner(entry.ClientId, out var owner) && !IsRemoteOwner(owner)) continue;
                pad.SetAwarenessOwner(entry.ClientId, RemoteOwnerPrefix + node);
            }
            pad.ForgetAwarenessOwners(change.Removed);
        }
        finally
        {
            pad.Gate.Release();
        }
    }

    /// <summary>Starts a compaction attempt in the background unless one is running on this node.</summary>
    private void ScheduleCompaction(Pad pad)
    {
        if (Interlocked.CompareExchange(ref pad.CompactionRunning, 1, 0) != 0) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await CompactSharedAsync(pad);
            }
            finally
            {
                Volatile.Write(ref pad.CompactionRunning, 0);
            }
        });
    }

    /// <summary>
    /// Compacts a shared pad if this node gets its lease: reads the log first, so the snapshot holds
    /// every update up to the position it claims; the store checks lease and position atomically.
    /// </summary>
    internal async Task<CompactionOutcome?> CompactSharedAsync(Pad pad)
    {
        var shared = Shared!;
        try
        {
            await using var lease = await shared.TryAcquireCompactionLeaseAsync(pad.Id);
            if (lease is null)
            {
                Log.CompactionLeaseBusy(logger, pad.Id.ToString());
                return null;
            }
            await CatchUpAsync(pad, CatchUpReason.Compaction);
            var (snapshot, position, updates) = await ReadAsync(pad, p => (p.Doc.EncodeStateAsUpdate(default), p.Position!, p.LogCount));
            var outcome = await shared.CompactAsync(pad.Id, snapshot, position, lease);
            if (outcome == CompactionOutcome.Compacted) Log.Compacted(logger, pad.Id.ToString(), snapshot.Length, updates);
            else Log.CompactionSkipped(logger, pad.Id.ToString(), outcome.ToString());
            // Reads the store's new sizes (and anything appended meanwhile).
            await CatchUpAsync(pad, CatchUpReason.Compaction);
            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.CompactionFailed(logger, pad.Id.ToString(), e);
            return null;
        }
    }

    private async Task RequestResyncQuietlyAsync(PadId id)
    {
        try
        {
            await replication.RequestResyncAsync(id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Redis is away: the nodes resync when it is back anyway.
            Log.FanOutFailed(logger, id.ToString(), e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Debug, "Pad {PadId}: {Updates} changes read from the shared log ({Reason}).")]
        public static partial void CaughtUp(ILogger logger, string padId, int updates, string reason);

        [LoggerMessage(21, LogLevel.Error, "Pad {PadId}: the log entry {Position} cannot be read; skipped.")]
        public static partial void CorruptEntry(ILogger logger, string padId, string position, Exception exception);

        [LoggerMessage(22, LogLevel.Warning, "Pad {PadId}: the fan-out of a stored change failed; the nodes re-send the pad to their clients.")]
        public static partial void FanOutFailed(ILogger logger, string padId, Exception exception);

        [LoggerMessage(23, LogLevel.Warning, "Pad {PadId}: could not re-send the pad to connection {ConnectionId}.")]
        public static partial void HealFailed(ILogger logger, string padId, string connectionId, Exception exception);

        [LoggerMessage(24, LogLevel.Debug, "Pad {PadId}: another node holds the compaction lease.")]
        public static partial void CompactionLeaseBusy(ILogger logger, string padId);

        [LoggerMessage(25, LogLevel.Information, "Pad {PadId}: compaction not written ({Outcome}).")]
        public static partial void CompactionSkipped(ILogger logger, string padId, string outcome);

        [LoggerMessage(26, LogLevel.Warning, "Pad {PadId}: compaction failed; the log stays as it is and is compacted later.")]
        public static partial void CompactionFailed(ILogger logger, string padId, Exception exception);
    }
}
