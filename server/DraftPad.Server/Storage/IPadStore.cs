using DraftPad.Server.Pads;

namespace DraftPad.Server.Storage;

/// <summary>What a store holds for one pad: the last snapshot and the updates appended after it, in order.</summary>
/// <param name="Snapshot">A Yjs V1 update holding the state at the last compaction (null before the first).</param>
/// <param name="Updates">Yjs V1 updates appended since, oldest first.</param>
public sealed record StoredPad(byte[]? Snapshot, IReadOnlyList<byte[]> Updates)
{
    /// <summary>Bytes held: snapshot plus log.</summary>
    public long SizeBytes => (Snapshot?.LongLength ?? 0) + Updates.Sum(u => (long)u.Length);
}

/// <summary>An image attached to a pad.</summary>
/// <param name="Name">File name, unique within the pad.</param>
/// <param name="ContentType">MIME type, e.g. image/png.</param>
/// <param name="Content">The bytes (empty in listings).</param>
/// <param name="Size">Size in bytes.</param>
public sealed record StoredImage(string Name, string ContentType, byte[] Content, long Size);

/// <summary>
/// Durable storage of pads as a snapshot plus an append-only log of Yjs updates. Calls for one
/// pad are made in order by that pad's owner (the pad's lock); a store keeps that order.
/// </summary>
public interface IPadStore
{
    /// <summary>Ids of every stored pad.</summary>
    Task<IReadOnlyList<PadId>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Loads a pad, or null when it does not exist.</summary>
    Task<StoredPad?> LoadAsync(PadId id, CancellationToken cancellationToken = default);

    /// <summary>Creates a pad from its initial state; false (and nothing written) when it already exists.</summary>
    Task<bool> CreateAsync(PadId id, byte[] initialState, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends an update to a pad's log. The returned task completes once the update is durable
    /// (it survives a crash of the process); only then may the update be acknowledged.
    /// </summary>
    Task AppendAsync(PadId id, byte[] update, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the pad's snapshot and every update appended before this call with
    /// <paramref name="snapshot"/>, which must hold all of them (compaction).
    /// </summary>
    Task CompactAsync(PadId id, byte[] snapshot, CancellationToken cancellationToken = default);

    /// <summary>Stores (or replaces) an image of a pad, durably.</summary>
    Task SaveImageAsync(PadId id, StoredImage image, CancellationToken cancellationToken = default);

    /// <summary>The images of a pad, without their bytes, by name.</summary>
    Task<IReadOnlyList<StoredImage>> ListImagesAsync(PadId id, CancellationToken cancellationToken = default);

    /// <summary>One image with its bytes, or null.</summary>
    Task<StoredImage?> GetImageAsync(PadId id, string name, CancellationToken cancellationToken = default);

    /// <summary>Removes an image; false when there was none.</summary>
    Task<bool> DeleteImageAsync(PadId id, string name, CancellationToken cancellationToken = default);
}
