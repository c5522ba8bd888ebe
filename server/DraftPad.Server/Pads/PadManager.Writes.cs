using DraftPad.Crdt;
using DraftPad.Crdt.Protocols;
using DraftPad.Server.Access;

namespace DraftPad.Server.Pads;

public sealed partial class PadManager
{
    /// <summary>
    /// Applies a client's update (sync step 2 or update). Checks run before anything is applied:
    /// the update decodes, stays within the roots the user may write (the markdown; the metadata
    /// too for maintainers), does not depend on changes the server lacks, keeps the pad under its
    /// size limit, and the pad is open (or the user a maintainer). The returned task completes once
    /// the update is durable; the change is then sent to the pad's other clients.
    /// </summary>
    /// <returns>True when the update changed the pad; false for one that held nothing new.</returns>
    public async Task<bool> ApplyUpdateAsync(Pad pad, byte[] update, PadUser user, string? connectionId)
    {
        // On a shared store, an update may depend on another node's change that reached this client
        // through the fan-out before this node read it from the log: read the log, then look again.
        if (await TryApplyUpdateAsync(pad, update, user, connectionId, mayCatchUp: Shared is not null) is { } applied) return applied;
        await CatchUpAsync(pad, CatchUpReason.Unresolved);
        return await TryApplyUpdateAsync(pad, update, user, connectionId, mayCatchUp: false) ?? false;
    }

    /// <summary>As <see cref="ApplyUpdateAsync"/>; null (nothing done) when the update has unresolved parts and <paramref name="mayCatchUp"/>.</summary>
    private async Task<bool?> TryApplyUpdateAsync(Pad pad, byte[] update, PadUser user, string? connectionId, bool mayCatchUp)
    {
        List<byte[]> emitted;
        Task durable;
        await pad.Gate.WaitAsync();
        try
        {
            UpdateScope scope;
            try
            {
                scope = pad.Doc.InspectUpdate(update);
            }
            catch (YjsDecodeException e)
            {
                throw Refuse(pad, user, PadRejection.Invalid, $"Malformed update: {e.Message}");
            }
            // An update with nothing new (a client's step 2 when it lacks nothing) is fine for everyone,
            // unless an earlier write failed: then what the client re-sends may exist only in memory.
            if (scope.Roots.Count == 0 && !scope.HasUnresolved && !pad.NeedsSnapshot) return false;
            EnsureCanEdit(pad, user);
            var allowed = WritableRoots(user);
            if (scope.Roots.FirstOrDefault(r => !allowed.Contains(r)) is { } forbidden)
            {
                throw Refuse(pad, user, PadRejection.Forbidden, forbidden == PadMeta.MetaRoot
                    ? "Only maintainers may change the pad's metadata (the 'meta' map)."
                    : $"Pads hold only the Y.Text 'content' and the Y.Map 'meta'; the update writes to '{forbidden}'.");
            }
            // Refused for everyone: a pending update would be acknowledged yet invisible until its
            // predecessor arrives, and after a crash that predecessor may never come.
            if (scope.HasUnresolved)
            {
                if (mayCatchUp) return null;
                throw Refuse(pad, user, PadRejection.Conflict, "The update depends on changes the server does not have; sync first (send sync step 1).");
            }
            EnsureRoom(pad, user, update.Length);
            try
            {
                emitted = pad.Capture(() => pad.Doc.ApplyUpdate(update, connectionId));
            }
            catch (YjsDecodeException e)
            {
                throw Refuse(pad, user, PadRejection.Invalid, $"Malformed update: {e.Message}");
            }
            if (emitted.Count == 0 && !pad.Doc.HasPending && !pad.NeedsSnapshot) return false;
            // The raw update is stored (not just what integrated), so a pending part survives a restart too.
            durable = pad.NeedsSnapshot ? Repair(pad) : Append(pad, update);
        }
        finally
        {
            pad.Gate.Release();
        }
        await AwaitDurable(pad, durable, emitted);
        await Publish(pad, emitted, connectionId, [durable]);
        return emitted.Count > 0;
    }

    /// <summary>
    /// Applies a client's awareness update and relays it to the pad's other clients. A connection
    /// may only announce client ids no other connection holds.
    /// </summary>
    public async Task ApplyAwarenessAsync(Pad pad, AwarenessUpdate update, byte[] message, PadUser user, string connectionId)
    {
        await pad.Gate.WaitAsync();
        try
        {
            foreach (var entry in update.Entries)
            {
                // A client id announced on another node may move here (its client failed over).
                if (pad.TryGetAwarenessOwner(entry.ClientId, out var owner) && owner != connectionId && !IsRemoteOwner(owner))
                {
                    throw Refuse(pad, user, PadRejection.Forbidden, $"Awareness client {entry.ClientId} belongs to another connection.");
                }
            }
            var change = pad.Awareness.Apply(update, connectionId);
            foreach (var entry in update.Entries)
            {
                if (!entry.IsRemoval) pad.SetAwarenessOwner(entry.ClientId, connectionId);
            }
            pad.ForgetAwarenessOwners(change.Removed);
        }
        finally
        {
            pad.Gate.Release();
        }
        await broadcaster.BroadcastAsync(pad.Id, message, connectionId);
        await replication.PublishAwarenessAsync(pad.Id, message);
    }

    /// <summary>Removes the presence a connection announced in a pad (it left or dropped) and tells the others.</summary>
    public async Task RemoveConnectionAsync(Pad pad, string connectionId)
    {
        byte[]? removal = null;
        pad.DetachConnection(connectionId);
        await pad.Gate.WaitAsync();
        try
        {
            var owned = pad.ReleaseAwarenessOf(connectionId);
            var removed = pad.Awareness.RemoveStates(owned, connectionId);
            if (removed.Count > 0) removal = YMessage.EncodeAwareness(Awareness.EncodeUpdate(pad.Awareness, removed));
        }
        finally
        {
            pad.Gate.Release();
        }
        if (removal != null)
        {
            await broadcaster.BroadcastAsync(pad.Id, removal, connectionId);
            await replication.PublishAwarenessAsync(pad.Id, removal);
        }
    }

    /// <summary>Drops presence entries not renewed for 30 s (clients renew every 15 s) and tells the pad's clients.</summary>
    public async Task ExpireAwarenessAsync(Pad pad)
    {
        byte[]? removal = null;
        await pad.Gate.WaitAsync();
        try
        {
            var removed = pad.Awareness.CheckTimeouts();
            pad.ForgetAwarenessOwners(removed);
            if (removed.Count > 0) removal = YMessage.EncodeAwareness(Awareness.EncodeUpdate(pad.Awareness, removed));
        }
        finally
        {
            pad.Gate.Release();
        }
        if (removal != null) await broadcaster.BroadcastAsync(pad.Id, removal, null);
    }

    /// <summary>The pads currently in memory.</summary>
    public IEnumerable<Pad> LoadedPads =>
        _pads.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully && l.Value.Result != null).Select(l => l.Value.Result!);

    /// <summary>Changes status and/or release date (maintainers), as a server-side edit every client receives.</summary>
    public async Task UpdateMetaAsync(Pad pad, PadUser user, PadStatus? status, DateOnly? releaseDate)
    {
        if (!user.IsMaintainer) throw Refuse(pad, user, PadRejection.Forbidden, "Only maintainers may change a pad's status or release date.");
        if (releaseDate is { } date && date < new DateOnly(pad.Id.Year, pad.Id.Month, 1))
        {
            throw Refuse(pad, user, PadRejection.Invalid, $"The release date {date:yyyy-MM-dd} is before the month the pad covers ({pad.Id}).");
        }
        await EditAsServerAsync(pad, user, doc =>
        {
            if (status is { } s) PadMeta.SetStatus(doc, s);
            if (releaseDate is { } d)
            {
                // The front matter's date follows the planned release date (unless someone set another one).
                var content = doc.GetText(PadMeta.ContentRoot);
                if (FrontMatterDate.Move(content.ToString(), PadMeta.GetReleaseDate(doc, pad.Id), d) is { } edit)
                {
                    content.Delete(edit.Offset, edit.Length);
                    content.Insert(edit.Offset, edit.Text);
                }
                PadMeta.SetReleaseDate(doc, d);
            }
        });
        var (newStatus, newDate) = await ReadAsync(pad, p => (p.Status, p.ReleaseDate));
        Log.MetaChanged(logger, pad.Id.ToString(), newStatus.ToString(), newDate.ToString("yyyy-MM-dd"), user.Name);
    }

    /// <summary>Makes a server-side edit (metadata, autofixes): applied, stored durably, then broadcast to everyone.</summary>
    public async Task EditAsServerAsync(Pad pad, PadUser user, Action<YDoc> edit)
    {
        List<byte[]> emitted;
        var writes = new List<Task>();
        await pad.Gate.WaitAsync();
        try
        {
            emitted = pad.Capture(() => pad.Doc.Transact(_ => edit(pad.Doc), user.Name));
            foreach (var update in emitted)
            {
                EnsureRoom(pad, user, update.Length);
                writes.Add(pad.NeedsSnapshot ? Repair(pad) : Append(pad, update));
            }
        }
        finally
        {
            pad.Gate.Release();
        }
        // Writes complete in order: the last one done means all are.
        await AwaitDurable(pad, writes.Count > 0 ? writes[^1] : Task.CompletedTask, emitted);
        await Publish(pad, emitted, null, writes);
    }

    /// <summary>Appends under the pad's lock (so the log keeps the document's order) and compacts when the log has grown.</summary>
    private Task Append(Pad pad, byte[] update)
    {
        // A shared store also says where the update went, to announce it once it is fanned out.
        var durable = Shared is { } shared ? shared.AppendLoggedAsync(pad.Id, update) : store.AppendAsync(pad.Id, update);
        pad.LogBytes += update.Length;
        pad.LogCount++;
        if (NeedsCompaction(pad))
        {
            // A shared store is compacted by whichever node holds the pad's lease, off the write path.
            if (Shared is not null) ScheduleCompaction(pad);
            else Compact(pad);
        }
        return durable;
    }

    private bool NeedsCompaction(Pad pad)
    {
        var options = storageOptions.Value;
        return pad.LogCount >= options.CompactAfterUpdates
            || (pad.LogBytes >= options.CompactAfterLogBytes && pad.LogBytes > pad.SnapshotBytes);
    }

    /// <summary>
    /// The write after a failed one: the whole state, so that it covers whatever only lives in
    /// memory. The embedded store writes it as the new snapshot; a shared store appends it to the
    /// log (other nodes' updates after this node's snapshot must stay).
    /// </summary>
    private Task Repair(Pad pad)
    {
        if (Shared is null) return Compact(pad);
        var state = pad.Doc.EncodeStateAsUpdate(default);
        pad.NeedsSnapshot = false;
        pad.LogBytes += state.Length;
        pad.LogCount++;
        return AppendUnannounced(pad.Id, state);
    }

    /// <summary>
    /// A repair holds more than its update's fan-out carried, so it is not announced: other nodes
    /// forward what it brings them to their clients.
    /// </summary>
    private async Task AppendUnannounced(PadId id, byte[] state) => await Shared!.AppendLoggedAsync(id, state);

    /// <summary>Writes the whole state as the new snapshot (queued after every append made so far, so it replaces exactly those).</summary>
    private Task Compact(Pad pad)
    {
        var snapshot = pad.Doc.EncodeStateAsUpdate(default);
        var updates = pad.LogCount;
        var written = store.CompactAsync(pad.Id, snapshot);
        _ = written.ContinueWith(t =>
        {
            if (t.IsFaulted)
            {
                pad.NeedsSnapshot = true;
                Log.StoreFailed(logger, pad.Id.ToString(), t.Exception!.GetBaseException());
            }
        }, TaskScheduler.Default);
        pad.NeedsSnapshot = false;
        pad.SnapshotBytes = snapshot.Length;
        pad.LogBytes = 0;
        pad.LogCount = 0;
        Log.Compacted(logger, pad.Id.ToString(), snapshot.Length, updates);
        return written;
    }

    /// <summary>
    /// Waits for a write. When it fails, the change is in memory but not on disk: nothing is
    /// acknowledged, and the pad's next write is a full snapshot, so no later acknowledgement can
    /// cover a change that was never stored.
    /// </summary>
    private async Task AwaitDurable(Pad pad, Task durable, List<byte[]> emitted)
    {
        try
        {
            await durable;
        }
        catch (Exception e) when (e is not PadRejectedException)
        {
            pad.NeedsSnapshot = true;
            // Not fanned out now; the next successful write's fan-out carries it (it is stored then).
            pad.AddUnpublished(emitted);
            Log.StoreFailed(logger, pad.Id.ToString(), e);
            throw new PadRejectedException(PadRejection.Unavailable,
                $"The server could not store this change ({e.GetBaseException().Message}); it was not acknowledged. Send it again.");
        }
    }

    private void EnsureRoom(Pad pad, PadUser user, long incoming)
    {
        var max = limits.Value.MaxPadBytes;
        if (pad.StoredBytes + incoming <= max) return;
        if (Shared is not null)
        {
            // Compaction happens elsewhere and later: judge by what a snapshot would hold now.
            var compacted = pad.Doc.EncodeStateAsUpdate(default).LongLength;
            if (compacted + incoming <= max)
            {
                ScheduleCompaction(pad);
                return;
            }
            throw Refuse(pad, user, PadRejection.TooLarge,
                $"Pad {pad.Id} would grow beyond its limit of {max} bytes (Limits:MaxPadBytes); it holds {compacted} bytes.");
        }
        if (pad.LogCount > 0) Compact(pad);
        if (pad.StoredBytes + incoming > max)
        {
            throw Refuse(pad, user, PadRejection.TooLarge,
                $"Pad {pad.Id} would grow beyond its limit of {max} bytes (Limits:MaxPadBytes); it holds {pad.StoredBytes} bytes.");
        }
    }

    private async Task Publish(Pad pad, List<byte[]> emitted, string? exceptConnectionId, IReadOnlyList<Task> writes)
    {
        // Changes whose write failed earlier are stored now (a failed write makes the next one the whole state).
        if (pad.TakeUnpublished() is { Count: > 0 } unpublished)
        {
            var earlier = YMessage.EncodeSync(SyncProtocol.EncodeUpdate(YUpdates.MergeUpdates(unpublished)));
            try
            {
                await broadcaster.BroadcastAsync(pad.Id, earlier, null);
            }
            catch (Exception e) when (e is not OperationCanceledException && Shared is not null)
            {
                Log.FanOutFailed(logger, pad.Id.ToString(), e);
                await RequestResyncQuietlyAsync(pad.Id);
            }
        }
        if (emitted.Count == 0) return;
        var update = emitted.Count == 1 ? emitted[0] : YUpdates.MergeUpdates(emitted);
        var message = YMessage.EncodeSync(SyncProtocol.EncodeUpdate(update));
        if (Shared is null)
        {
            await broadcaster.BroadcastAsync(pad.Id, message, exceptConnectionId);
        }
        else
        {
            try
            {
                await broadcaster.BroadcastAsync(pad.Id, message, exceptConnectionId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The change is durable and acknowledged; its fan-out (through Redis) failed. Every
                // node re-sends the pad to its clients once that works again.
                Log.FanOutFailed(logger, pad.Id.ToString(), e);
                await RequestResyncQuietlyAsync(pad.Id);
            }
            // Only now: other nodes forward any update they read from the log that was not announced.
            var positions = writes.OfType<Task<string>>().Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToList();
            if (positions.Count > 0) replication.AnnounceAppended(pad.Id, positions);
        }
        Changed?.Invoke(pad.Id);
    }

    /// <summary>Refuses readers, and everyone but maintainers once the pad is no longer open. Call under the pad's lock.</summary>
    internal void EnsureCanEdit(Pad pad, PadUser user)
    {
        if (user.Role < PadRole.Contributor)
        {
            throw Refuse(pad, user, PadRejection.Forbidden, "This pad is read-only for you: anonymous editing is off, send a contributor or maintainer token to edit.");
        }
        if (pad.Status != PadStatus.Open && !user.IsMaintainer)
        {
            throw Refuse(pad, user, PadRejection.Forbidden, $"Pad {pad.Id} is {pad.Status.ToString().ToLowerInvariant()}: only maintainers may edit it now.");
        }
    }

    /// <summary>As <see cref="EnsureCanEdit(Pad, PadUser)"/>, taking the lock.</summary>
    public Task EnsureCanEditAsync(Pad pad, PadUser user) => ReadAsync(pad, p => { EnsureCanEdit(p, user); return true; });

    private PadRejectedException Refuse(Pad pad, PadUser user, PadRejection kind, string reason)
    {
        Log.Refused(logger, pad.Id.ToString(), user.Name, reason);
        return new PadRejectedException(kind, reason);
    }
}
