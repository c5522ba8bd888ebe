using System.Collections.Concurrent;
using DraftPad.Crdt;
using DraftPad.Crdt.Protocols;
using DraftPad.Server.Access;
using DraftPad.Server.Guards;
using DraftPad.Server.Storage;
using Microsoft.Extensions.Options;

namespace DraftPad.Server.Pads;

/// <summary>
/// Owns the loaded pads: loads them from the store, applies changes under each pad's lock,
/// makes them durable before they are acknowledged, then fans them out. On a shared store
/// (several nodes) it also follows each pad's log for the other nodes' changes (PadManager.Shared.cs).
/// </summary>
public sealed partial class PadManager(
    IPadStore store,
    IPadTemplate template,
    IPadBroadcaster broadcaster,
    IPadReplication replication,
    IOptions<StorageOptions> storageOptions,
    IOptions<LimitsOptions> limits,
    TimeProvider time,
    ILogger<PadManager> logger)
{
    private static readonly IReadOnlySet<string> ContributorRoots = new HashSet<string> { PadMeta.ContentRoot };
    private static readonly IReadOnlySet<string> MaintainerRoots = new HashSet<string> { PadMeta.ContentRoot, PadMeta.MetaRoot };

    private readonly ConcurrentDictionary<PadId, Lazy<Task<Pad?>>> _pads = new();

    /// <summary>Raised (outside the pad's lock) after a durable change to a pad's document.</summary>
    public event Action<PadId>? Changed;

    /// <summary>Ids of all stored pads.</summary>
    public Task<IReadOnlyList<PadId>> ListAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);

    /// <summary>The pad, loaded from the store on first use; null when it does not exist.</summary>
    public async Task<Pad?> GetAsync(PadId id)
    {
        var lazy = _pads.GetOrAdd(id, key => new Lazy<Task<Pad?>>(() => LoadAsync(key)));
        Pad? pad;
        try
        {
            pad = await lazy.Value;
        }
        catch
        {
            _pads.TryRemove(new KeyValuePair<PadId, Lazy<Task<Pad?>>>(id, lazy));
            throw;
        }
        if (pad is null) _pads.TryRemove(new KeyValuePair<PadId, Lazy<Task<Pad?>>>(id, lazy));
        return pad;
    }

    /// <summary>The pad, or a <see cref="PadRejection.NotFound"/> rejection.</summary>
    public async Task<Pad> GetRequiredAsync(PadId id) =>
        await GetAsync(id) ?? throw new PadRejectedException(PadRejection.NotFound, $"Pad {id} does not exist; create it first (POST /api/pads/{id}).");

    /// <summary>
    /// Creates a month's pad from the newsletter skeleton. Contributors may create the current and
    /// the next month's pad; maintainers any month.
    /// </summary>
    public async Task<Pad> CreateAsync(PadId id, PadUser user, DateOnly? releaseDate = null)
    {
        if (user.Role < PadRole.Contributor) throw new PadRejectedException(PadRejection.Forbidden, "Creating a pad needs editing rights.");
        var current = PadId.ForDate(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (!user.IsMaintainer && id.CompareTo(current) != 0 && id.CompareTo(current.Next) != 0)
        {
            throw new PadRejectedException(PadRejection.Forbidden,
                $"Only maintainers may create the pad of {id}; others may create the current ({current}) or next ({current.Next}) month's pad.");
        }
        if (releaseDate is { } date && (date < new DateOnly(id.Year, id.Month, 1)))
        {
            throw new PadRejectedException(PadRejection.Invalid, $"The release date {date:yyyy-MM-dd} is before the month the pad covers ({id}).");
        }
        var release = releaseDate ?? id.DefaultReleaseDate;
        var doc = new YDoc();
        doc.Transact(_ =>
        {
            doc.GetText(PadMeta.ContentRoot).Insert(0, template.CreateMarkdown(id, release));
            PadMeta.SetStatus(doc, PadStatus.Open);
            PadMeta.SetReleaseDate(doc, release);
        });
        var initial = doc.EncodeStateAsUpdate(default);
        if (!await store.CreateAsync(id, initial))
        {
            throw new PadRejectedException(PadRejection.Conflict, $"Pad {id} already exists.");
        }
        Log.Created(logger, id.ToString(), user.Name);
        return await GetRequiredAsync(id);
    }

    /// <summary>Sync step 1 from the server for a joining client: the pad's state vector.</summary>
    public async Task<(byte[] Step1, byte[]? Awareness)> EncodeWelcomeAsync(Pad pad)
    {
        // Shared store: first read what other nodes stored, so the step 2 this client asks for next
        // holds it (anything stored later reaches the client through the pad's group it already joined).
        await CatchUpAsync(pad, CatchUpReason.Join);
        await pad.Gate.WaitAsync();
        try
        {
            var step1 = YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(pad.Doc));
            byte[]? awareness = pad.Awareness.GetStates().Count > 0 ? YMessage.EncodeAwareness(pad.Awareness.EncodeAllStates()) : null;
            return (step1, awareness);
        }
        finally
        {
            pad.Gate.Release();
        }
    }

    /// <summary>Sync step 2 answering a client's step 1: what a peer with <paramref name="stateVector"/> lacks.</summary>
    public async Task<byte[]> EncodeStep2Async(Pad pad, byte[] stateVector)
    {
        await pad.Gate.WaitAsync();
        try
        {
            return YMessage.EncodeSync(SyncProtocol.EncodeSyncStep2(pad.Doc, stateVector));
        }
        finally
        {
            pad.Gate.Release();
        }
    }

    /// <summary>All awareness states as an awareness message (answer to query-awareness).</summary>
    public async Task<byte[]> EncodeAwarenessAsync(Pad pad)
    {
        await pad.Gate.WaitAsync();
        try
        {
            return YMessage.EncodeAwareness(pad.Awareness.EncodeAllStates());
        }
        finally
        {
            pad.Gate.Release();
        }
    }

    /// <summary>Reads something from the document under its lock.</summary>
    public async Task<T> ReadAsync<T>(Pad pad, Func<Pad, T> read)
    {
        await pad.Gate.WaitAsync();
        try
        {
            return read(pad);
        }
        finally
        {
            pad.Gate.Release();
        }
    }

    /// <summary>The full state as a Yjs V1 update.</summary>
    public Task<byte[]> EncodeStateAsync(Pad pad) => ReadAsync(pad, p => p.Doc.EncodeStateAsUpdate(default));

    /// <summary>The markdown.</summary>
    public Task<string> ReadMarkdownAsync(Pad pad) => ReadAsync(pad, p => p.Markdown);

    private async Task<Pad?> LoadAsync(PadId id)
    {
        if (Shared is not null) return await LoadSharedAsync(id);
        var stored = await store.LoadAsync(id);
        if (stored is null) return null;
        var doc = new YDoc();
        try
        {
            if (stored.Snapshot is { } snapshot) doc.ApplyUpdate(snapshot, StorageOrigin);
            foreach (var update in stored.Updates) doc.ApplyUpdate(update, StorageOrigin);
        }
        catch (YjsDecodeException e)
        {
            Log.Corrupt(logger, id.ToString(), e);
            throw new InvalidOperationException($"The stored state of pad {id} cannot be read: {e.Message}", e);
        }
        Log.Loaded(logger, id.ToString(), stored.Updates.Count, stored.SizeBytes);
        return new Pad(id, doc, stored.Snapshot?.LongLength ?? 0, stored.Updates.Sum(u => (long)u.Length), stored.Updates.Count, time);
    }

    /// <summary>Origin of updates replayed from storage.</summary>
    internal static readonly object StorageOrigin = new();

    private static IReadOnlySet<string> WritableRoots(PadUser user) => user.IsMaintainer ? MaintainerRoots : ContributorRoots;

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Information, "Pad {PadId} created by {User}.")]
        public static partial void Created(ILogger logger, string padId, string user);

        [LoggerMessage(11, LogLevel.Information, "Pad {PadId} loaded: {Updates} logged updates, {Bytes} bytes stored.")]
        public static partial void Loaded(ILogger logger, string padId, int updates, long bytes);

        [LoggerMessage(12, LogLevel.Error, "Pad {PadId}: stored state cannot be read.")]
        public static partial void Corrupt(ILogger logger, string padId, Exception exception);

        [LoggerMessage(13, LogLevel.Information, "Pad {PadId}: {User} refused: {Reason}")]
        public static partial void Refused(ILogger logger, string padId, string user, string reason);

        [LoggerMessage(14, LogLevel.Information, "Pad {PadId} compacted into {Bytes} bytes after {Updates} updates.")]
        public static partial void Compacted(ILogger logger, string padId, int bytes, int updates);

        [LoggerMessage(16, LogLevel.Error, "Pad {PadId}: a storage write failed; the next write stores a full snapshot.")]
        public static partial void StoreFailed(ILogger logger, string padId, Exception exception);

        [LoggerMessage(15, LogLevel.Information, "Pad {PadId}: status {Status}, release date {ReleaseDate} (by {User}).")]
        public static partial void MetaChanged(ILogger logger, string padId, string status, string releaseDate, string user);
    }
}
