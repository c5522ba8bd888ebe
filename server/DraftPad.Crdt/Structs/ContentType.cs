using DraftPad.Crdt.Encoding;

namespace DraftPad.Crdt.Structs;

/// <summary>Kinds of shared types as numbered on the wire (ContentType's typeRef).</summary>
public enum YTypeKind
{
    /// <summary>A root whose kind is not known yet (Yjs's generic placeholder).</summary>
    Unknown = -1,
    /// <summary>Y.Array.</summary>
    Array = 0,
    /// <summary>Y.Map.</summary>
    Map = 1,
    /// <summary>Y.Text.</summary>
    Text = 2,
    /// <summary>Y.XmlElement.</summary>
    XmlElement = 3,
    /// <summary>Y.XmlFragment.</summary>
    XmlFragment = 4,
    /// <summary>Y.XmlHook.</summary>
    XmlHook = 5,
    /// <summary>Y.XmlText.</summary>
    XmlText = 6,
}

/// <summary>A nested shared type living inside an item (length 1).</summary>
internal sealed class ContentType(Branch type) : Content
{
    public readonly Branch Type = type;
    public override byte Ref => ContentRef.Type;
    public override int Length => 1;
    public override bool Countable => true;
    public override Content Splice(int offset) => throw new InvalidOperationException("Type content cannot be split.");

    public override void Integrate(Transaction transaction, Item item) => Type.Integrate(transaction.Doc, item);

    public override void Delete(Transaction transaction)
    {
        for (var item = Type.Start; item != null; item = item.Right)
        {
            if (!item.Deleted) item.Delete(transaction);
            else if (item.Id.Clock < transaction.BeforeState(item.Id.Client))
            {
                // Already-deleted children will be gc'd; they are not in this transaction's delete
                // set, so remember them for the merge pass.
                transaction.MergeStructs.Add(item);
            }
        }
        if (Type.Map != null)
        {
            foreach (var item in Type.Map.Values)
            {
                if (!item.Deleted) item.Delete(transaction);
                else if (item.Id.Clock < transaction.BeforeState(item.Id.Client)) transaction.MergeStructs.Add(item);
            }
        }
        transaction.Changed.Remove(Type);
    }

    public override void Gc(StructStore store)
    {
        for (var item = Type.Start; item != null; item = item.Right) item.Gc(store, parentGcd: true);
        Type.Start = null;
        if (Type.Map != null)
        {
            foreach (var last in Type.Map.Values)
            {
                for (Item? item = last; item != null; item = item.Left) item.Gc(store, parentGcd: true);
            }
            Type.Map = null;
        }
    }

    public override void Write(IUpdateEncoder encoder, int offset)
    {
        encoder.WriteTypeRef((int)Type.Kind);
        if (Type.Kind is YTypeKind.XmlElement or YTypeKind.XmlHook) encoder.WriteKey(Type.NodeName ?? "UNDEFINED");
    }

    public override void AppendValues(List<object?> values) => values.Add(Type.View());

    public static ContentType Read(IUpdateDecoder decoder)
    {
        var typeRef = decoder.ReadTypeRef();
        var kind = typeRef switch
        {
            >= 0 and <= 6 => (YTypeKind)typeRef,
            _ => throw new YjsDecodeException($"Unknown type reference {typeRef}."),
        };
        var branch = new Branch(kind);
        if (kind is YTypeKind.XmlElement or YTypeKind.XmlHook) branch.NodeName = decoder.ReadKey();
        return new ContentType(branch);
    }
}

/// <summary>
/// A sub-document reference (ref 9). DraftPad stores and re-encodes it faithfully but does not
/// load sub-documents.
/// </summary>
internal sealed class ContentDoc(string guid, object? options) : Content
{
    public readonly string Guid = guid;
    public readonly object? Options = options;
    public override byte Ref => ContentRef.Doc;
    public override int Length => 1;
    public override bool Countable => true;
    public override Content Splice(int offset) => throw new InvalidOperationException("Doc content cannot be split.");

    public override void Write(IUpdateEncoder encoder, int offset)
    {
        encoder.WriteString(Guid);
        encoder.WriteAny(Options);
    }

    public override void AppendValues(List<object?> values) => values.Add(new YSubdocReference(Guid, Options));

    public static ContentDoc Read(IUpdateDecoder decoder)
    {
        var guid = decoder.ReadString();
        var options = decoder.ReadAny();
        return new ContentDoc(guid, NormalizeOptions(options));
    }

    /// <summary>
    /// Yjs rebuilds the options object from the loaded sub-document (gc:false, autoLoad:true,
    /// meta), so only those keys, in that order, survive a round trip.
    /// </summary>
    internal static Dictionary<string, object?> NormalizeOptions(object? options)
    {
        var result = new Dictionary<string, object?>();
        if (options is not IDictionary<string, object?> o) return result;
        if (o.TryGetValue("gc", out var gc) && gc is not Undefined && !Truthy(gc)) result["gc"] = false;
        if (o.TryGetValue("autoLoad", out var al) && Truthy(al)) result["autoLoad"] = true;
        if (o.TryGetValue("meta", out var meta) && meta is not null && meta is not Undefined) result["meta"] = meta;
        return result;
    }

    private static bool Truthy(object? v) => v switch
    {
        null or Undefined => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };
}
