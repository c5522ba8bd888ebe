namespace DraftPad.Crdt;

/// <summary>
/// Operations on encoded updates without loading a document, byte-identical to Yjs's
/// mergeUpdates, diffUpdate, encodeStateVectorFromUpdate and convertUpdateFormat. Malformed
/// input throws <see cref="YjsDecodeException"/>.
/// </summary>
public static class YUpdates
{
    /// <summary>Merges V1 updates into one (Y.mergeUpdates).</summary>
    public static byte[] MergeUpdates(IEnumerable<byte[]> updates) => Guard(() => UpdateOps.MergeUpdates(updates.ToList()));

    /// <summary>Merges V2 updates into one (Y.mergeUpdatesV2).</summary>
    public static byte[] MergeUpdatesV2(IEnumerable<byte[]> updates) => Guard(() => UpdateOps.MergeUpdatesV2(updates.ToList()));

    /// <summary>The part of a V1 update a peer with <paramref name="stateVector"/> lacks (Y.diffUpdate).</summary>
    public static byte[] DiffUpdate(byte[] update, byte[] stateVector) => Guard(() => UpdateOps.DiffUpdate(update, stateVector));

    /// <summary>The part of a V2 update a peer with <paramref name="stateVector"/> lacks (Y.diffUpdateV2).</summary>
    public static byte[] DiffUpdateV2(byte[] update, byte[] stateVector) => Guard(() => UpdateOps.DiffUpdateV2(update, stateVector));

    /// <summary>The state vector a V1 update brings a document to, counting only gap-free runs from clock 0.</summary>
    public static byte[] EncodeStateVectorFromUpdate(byte[] update) => Guard(() => UpdateOps.EncodeStateVectorFromUpdate(update, v2: false));

    /// <summary>As <see cref="EncodeStateVectorFromUpdate"/> for a V2 update.</summary>
    public static byte[] EncodeStateVectorFromUpdateV2(byte[] update) => Guard(() => UpdateOps.EncodeStateVectorFromUpdate(update, v2: true));

    /// <summary>Re-encodes a V1 update as V2.</summary>
    public static byte[] ConvertUpdateFormatV1ToV2(byte[] update) => Guard(() => UpdateOps.Convert(update, fromV2: false, toV2: true));

    /// <summary>Re-encodes a V2 update as V1.</summary>
    public static byte[] ConvertUpdateFormatV2ToV1(byte[] update) => Guard(() => UpdateOps.Convert(update, fromV2: true, toV2: false));

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
