namespace DraftPad.Crdt;

/// <summary>
/// Operations on encoded updates without loading a document, byte-identical to Yjs 13.6's
/// <c>mergeUpdates</c>, <c>diffUpdate</c>, <c>encodeStateVectorFromUpdate</c> and
/// <c>convertUpdateFormat</c> (and their V2 variants).
/// </summary>
/// <remarks>
/// Malformed input throws <see cref="YjsDecodeException"/> and nothing else; a <c>null</c> argument
/// throws <see cref="ArgumentNullException"/>. Like Yjs, these functions trust that the updates they
/// combine are consistent with each other (they are the same operations, as sent by the same peers);
/// they do not check that two updates agree on the content of a shared id.
/// </remarks>
public static class YUpdates
{
    /// <summary>
    /// Merges V1 updates into one V1 update (<c>Y.mergeUpdates</c>). Structs present in several inputs are
    /// written once, gaps between a client's structs are kept as Skip structs, delete sets are united. A
    /// single update is returned as it is (the same array).
    /// </summary>
    /// <param name="updates">V1-encoded updates, in any order.</param>
    /// <returns>The merged V1 update.</returns>
    public static byte[] MergeUpdates(IEnumerable<byte[]> updates)
    {
        var list = Materialize(updates);
        return Guard(() => UpdateOps.MergeUpdates(list));
    }

    /// <summary>Merges V2 updates into one V2 update (<c>Y.mergeUpdatesV2</c>); see <see cref="MergeUpdates"/>.</summary>
    /// <param name="updates">V2-encoded updates, in any order.</param>
    /// <returns>The merged V2 update.</returns>
    public static byte[] MergeUpdatesV2(IEnumerable<byte[]> updates)
    {
        var list = Materialize(updates);
        return Guard(() => UpdateOps.MergeUpdatesV2(list));
    }

    /// <summary>
    /// The part of a V1 update that a peer with state vector <paramref name="stateVector"/> is missing
    /// (<c>Y.diffUpdate</c>): structs the peer has are dropped, a struct it has in part is cut. The delete
    /// set is kept whole.
    /// </summary>
    /// <param name="update">A V1-encoded update.</param>
    /// <param name="stateVector">An encoded state vector (as from <c>Y.encodeStateVector</c>).</param>
    /// <returns>A V1 update.</returns>
    public static byte[] DiffUpdate(byte[] update, byte[] stateVector)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(stateVector);
        return Guard(() => UpdateOps.DiffUpdate(update, stateVector));
    }

    /// <summary>As <see cref="DiffUpdate"/> for a V2 update (<c>Y.diffUpdateV2</c>).</summary>
    /// <param name="update">A V2-encoded update.</param>
    /// <param name="stateVector">An encoded state vector (the state vector format has no V2 variant).</param>
    /// <returns>A V2 update.</returns>
    public static byte[] DiffUpdateV2(byte[] update, byte[] stateVector)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(stateVector);
        return Guard(() => UpdateOps.DiffUpdateV2(update, stateVector));
    }

    /// <summary>
    /// The state vector a V1 update brings an empty document to (<c>Y.encodeStateVectorFromUpdate</c>).
    /// As in Yjs, a client counts only while its structs run without gaps from clock 0: a client whose
    /// structs start later, or the rest of a client after a Skip, is not counted.
    /// </summary>
    /// <param name="update">A V1-encoded update.</param>
    /// <returns>An encoded state vector.</returns>
    public static byte[] EncodeStateVectorFromUpdate(byte[] update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return Guard(() => UpdateOps.EncodeStateVectorFromUpdate(update));
    }

    /// <summary>As <see cref="EncodeStateVectorFromUpdate"/> for a V2 update (<c>Y.encodeStateVectorFromUpdateV2</c>).</summary>
    /// <param name="update">A V2-encoded update.</param>
    /// <returns>An encoded state vector.</returns>
    public static byte[] EncodeStateVectorFromUpdateV2(byte[] update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return Guard(() => UpdateOps.EncodeStateVectorFromUpdateV2(update));
    }

    /// <summary>Re-encodes a V1 update as V2 (<c>Y.convertUpdateFormatV1ToV2</c>), struct by struct.</summary>
    /// <param name="update">A V1-encoded update.</param>
    /// <returns>The same update in the V2 format.</returns>
    public static byte[] ConvertUpdateFormatV1ToV2(byte[] update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return Guard(() => UpdateConversion.ToV2(update));
    }

    /// <summary>Re-encodes a V2 update as V1 (<c>Y.convertUpdateFormatV2ToV1</c>), struct by struct.</summary>
    /// <param name="update">A V2-encoded update.</param>
    /// <returns>The same update in the V1 format.</returns>
    public static byte[] ConvertUpdateFormatV2ToV1(byte[] update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return Guard(() => UpdateConversion.ToV1(update));
    }

    private static List<byte[]> Materialize(IEnumerable<byte[]> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var list = updates.ToList();
        if (list.Contains(null!)) throw new ArgumentNullException(nameof(updates), "The updates must not contain null.");
        return list;
    }

    private static byte[] Guard(Func<byte[]> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception e) when (e is not YjsDecodeException and not OutOfMemoryException)
        {
            throw new YjsDecodeException("Malformed update: " + e.Message, e);
        }
    }
}
