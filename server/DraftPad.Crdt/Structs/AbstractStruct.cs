using DraftPad.Crdt.Encoding;

namespace DraftPad.Crdt.Structs;

/// <summary>Base of everything stored per client in the struct store: Item, GC and Skip.</summary>
internal abstract class AbstractStruct(ID id, long length)
{
    public ID Id = id;
    public long Length = length;

    public abstract bool Deleted { get; }

    public abstract void Write(IUpdateEncoder encoder, int offset);

    public abstract bool MergeWith(AbstractStruct right);

    public abstract void Integrate(Transaction transaction, int offset);

    /// <summary>For integration: the client whose missing struct blocks this one, or null when it can go in.</summary>
    public abstract ulong? GetMissing(Transaction transaction, StructStore store);
}

/// <summary>A range of clocks whose items were garbage-collected together with their parent.</summary>
internal sealed class GcStruct(ID id, long length) : AbstractStruct(id, length)
{
    public override bool Deleted => true;

    public override bool MergeWith(AbstractStruct right)
    {
        if (right is not GcStruct) return false;
        Length += right.Length;
        return true;
    }

    public override void Integrate(Transaction transaction, int offset)
    {
        if (offset > 0)
        {
            Id = new ID(Id.Client, Id.Clock + offset);
            Length -= offset;
        }
        transaction.AddStruct(this);
    }

    public override void Write(IUpdateEncoder encoder, int offset)
    {
        encoder.WriteInfo(ContentRef.Gc);
        encoder.WriteLen(Length - offset);
    }

    public override ulong? GetMissing(Transaction transaction, StructStore store) => null;
}

/// <summary>A hole of unknown structs inside a merged or diffed update; never integrated.</summary>
internal sealed class Skip(ID id, long length) : AbstractStruct(id, length)
{
    public override bool Deleted => true;

    public override bool MergeWith(AbstractStruct right)
    {
        if (right is not Skip) return false;
        Length += right.Length;
        return true;
    }

    public override void Integrate(Transaction transaction, int offset) =>
        throw new InvalidOperationException("Skip structs are never integrated.");

    public override void Write(IUpdateEncoder encoder, int offset)
    {
        encoder.WriteInfo(ContentRef.Skip);
        encoder.RestWriter.WriteVarUint((ulong)(Length - offset));
    }

    public override ulong? GetMissing(Transaction transaction, StructStore store) => null;
}
