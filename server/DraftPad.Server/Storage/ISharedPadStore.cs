using DraftPad.Server.Pads;

namespace DraftPad.Server.Storage;

/// <summary>An update as a shared log holds it: where it is, which node wrote it, the Yjs V1 update.</summary>
/// <param name="Position">Its position in the pad's log (opaque; ordered by the store).</param>
/// <param name="Node">The <see cref="ISharedPadStore.NodeId"/> of the node that appended it.</param>
/// <param name="Data">The update.</param>
public sealed record LoggedUpdate(string Position, string Node, byte[] Data);

/// <summary>What a shared store holds for a pad after a position.</summary>
/// <param name="Snapshot">
/// The pad's snapshot, when asked for (a load) or when a compaction folded updates after the
/// reader's position into it: the reader may have missed those, so it applies the snapshot.
/// </param>
/// <param name="Updates">Updates after the position (or after the snapshot), oldest first.</param>
/// <param name="Position">Where the reader continues from next time.</param>
/// <param name="SnapshotBytes">Size of the stored snapshot.</param>
/// <param name="LogBytes">Bytes of all updates in the log (every node's).</param>
/// <param name="LogCount">Number of updates in the log.</param>
public sealed record PadLogChanges(
    byte[]? Snapshot, IReadOnlyList<LoggedUpdate> Updates, string Position, long SnapshotBytes, long LogBytes, int LogCount);

/// <summary>How a leased compaction ended.</summary>
public enum CompactionOutcome
{
    /// <summary>The snapshot replaced the log up to its position.</summary>
    Compacted,

    /// <summary>Nothing written: the stored snapshot already covers that position (another node compacted further).</summary>
    Superseded,

    /// <summary>Nothing written: the lease expired and another node may hold it now.</summary>
    LeaseLost,
}

/// <summary>The right to compact one pad, held by one node until it is disposed or expires.</summary>
public interface ICompactionLease : IAsyncDisposable
{
    /// <summary>The pad.</summary>
    PadId Pad { get; }

    /// <summary>The holder's token; a compaction checks it atomically with its write.</summary>
    string Token { get; }
}

/// <summary>
/// A store several server nodes use at once. Each node keeps its own copy of a pad's document and
/// follows the pad's log from a position; compaction is done by the holder of the pad's lease
/// and only ever folds updates up to a position the snapshot really holds.
/// </summary>
public interface ISharedPadStore : IPadStore
{
    /// <summary>This node's identity in the log (each process has its own).</summary>
    string NodeId { get; }

    /// <summary>
    /// Appends like <see cref="IPadStore.AppendAsync"/> (completes once durable) and returns the
    /// update's position in the log, which the node announces to the others once it fanned the update out.
    /// </summary>
    Task<string> AppendLoggedAsync(PadId id, byte[] update, CancellationToken cancellationToken = default);

    /// <summary>
    /// Everything after <paramref name="position"/> (up to <paramref name="until"/> when given), or the
    /// whole pad (snapshot and log) when the position is null; null when the pad does not exist.
    /// </summary>
    Task<PadLogChanges?> ReadAfterAsync(PadId id, string? position, string? until = null, CancellationToken cancellationToken = default);

    /// <summary>Orders two log positions (negative: <paramref name="a"/> comes first).</summary>
    int ComparePositions(string a, string b);

    /// <summary>Takes the pad's compaction lease, or returns null when another node holds it.</summary>
    Task<ICompactionLease?> TryAcquireCompactionLeaseAsync(PadId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the snapshot with <paramref name="snapshot"/>, which holds every update up to
    /// <paramref name="position"/>, and drops those updates from the log; atomically checks that
    /// <paramref name="lease"/> is still held and that no newer snapshot exists.
    /// </summary>
    Task<CompactionOutcome> CompactAsync(PadId id, byte[] snapshot, string position, ICompactionLease lease, CancellationToken cancellationToken = default);
}
