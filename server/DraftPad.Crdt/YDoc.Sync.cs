namespace DraftPad.Crdt;

public sealed partial class YDoc
{
    /// <summary>The state vector (next expected clock per client), Yjs's encodeStateVector.</summary>
    public byte[] EncodeStateVector() => UpdateWriter.EncodeStateVector(Store.GetStateVector());

    /// <summary>The state vector as a dictionary.</summary>
    public IReadOnlyDictionary<ulong, long> StateVector => Store.GetStateVector();

    /// <summary>
    /// Everything a peer with <paramref name="encodedStateVector"/> lacks (all of it when empty) as a
    /// V1 update, byte-identical to Yjs's encodeStateAsUpdate.
    /// </summary>
    public byte[] EncodeStateAsUpdate(ReadOnlySpan<byte> encodedStateVector = default) => EncodeState(encodedStateVector, v2: false);

    /// <summary>As <see cref="EncodeStateAsUpdate"/>, in update format V2.</summary>
    public byte[] EncodeStateAsUpdateV2(ReadOnlySpan<byte> encodedStateVector = default) => EncodeState(encodedStateVector, v2: true);

    private byte[] EncodeState(ReadOnlySpan<byte> encodedStateVector, bool v2)
    {
        Dictionary<ulong, long> sv;
        try
        {
            sv = UpdateWriter.DecodeStateVector(encodedStateVector);
        }
        catch (Exception e) when (e is not YjsDecodeException)
        {
            throw new YjsDecodeException("Malformed state vector: " + e.Message, e);
        }
        return UpdateWriter.EncodeStateAsUpdate(this, sv, encodedStateVector.IsEmpty ? null : encodedStateVector.ToArray(), v2);
    }

    /// <summary>
    /// Applies a V1 update (Yjs's applyUpdate). Malformed input throws <see cref="YjsDecodeException"/>
    /// and leaves the document unchanged; causally early parts are kept pending until their gap is filled.
    /// </summary>
    public void ApplyUpdate(byte[] update, object? origin = null) => UpdateIntegrator.Apply(this, update, v2: false, origin);

    /// <summary>Applies a V2 update.</summary>
    public void ApplyUpdateV2(byte[] update, object? origin = null) => UpdateIntegrator.Apply(this, update, v2: true, origin);

    /// <summary>
    /// Which roots a V1 update would change if applied now, without applying it. Throws
    /// <see cref="YjsDecodeException"/> for a malformed update.
    /// </summary>
    public UpdateScope InspectUpdate(byte[] update) => UpdateScopeReader.Read(this, update, v2: false);

    /// <summary>Which roots a V2 update would change if applied now, without applying it.</summary>
    public UpdateScope InspectUpdateV2(byte[] update) => UpdateScopeReader.Read(this, update, v2: true);

    /// <summary>Whether structs or deletions are waiting for missing updates.</summary>
    public bool HasPending => Store.Pending != null || Store.PendingDs != null;

    /// <summary>The lowest missing clock per client that pending structs wait for.</summary>
    public IReadOnlyDictionary<ulong, long> PendingMissing =>
        Store.Pending?.Missing ?? (IReadOnlyDictionary<ulong, long>)new Dictionary<ulong, long>();
}
