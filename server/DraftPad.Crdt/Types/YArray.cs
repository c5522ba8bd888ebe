namespace DraftPad.Crdt;

/// <summary>A shared list of JSON-like values, binary blobs and nested types (Y.Array).</summary>
public sealed class YArray : YType
{
    internal YArray(Branch branch) : base(branch) { }

    /// <summary>Creates a preliminary array to insert into a document.</summary>
    public YArray() : base(new Branch(YTypeKind.Array)) { }

    /// <summary>Number of elements.</summary>
    public int Length => (int)Branch.Length;

    /// <summary>Inserts values at <paramref name="index"/>; consecutive JSON-like values share one item.</summary>
    public void Insert(int index, params object?[] values) => Edit(tr => ListOps.Insert(tr, Branch, index, values));

    /// <summary>Appends values at the end.</summary>
    public void Push(params object?[] values) => Edit(tr => ListOps.Push(tr, Branch, values));

    /// <summary>Deletes <paramref name="length"/> elements from <paramref name="index"/>.</summary>
    public void Delete(int index, int length = 1) => Edit(tr => ListOps.Delete(tr, Branch, index, length));

    /// <summary>The element at <paramref name="index"/>.</summary>
    public object? Get(int index) => ListOps.Get(Branch, index);

    /// <summary>All elements in order.</summary>
    public List<object?> ToList() => ListOps.ToList(Branch);

    /// <inheritdoc />
    public override object? ToJson() => ToList().Select(ValueToJson).ToList();
}

/// <summary>A shared map from string keys to values (Y.Map); concurrent writes resolve by YATA order.</summary>
public sealed class YMap : YType
{
    internal YMap(Branch branch) : base(branch) { }

    /// <summary>Creates a preliminary map to insert into a document.</summary>
    public YMap() : base(new Branch(YTypeKind.Map)) { }

    /// <summary>Number of keys with a value.</summary>
    public int Count => Keys.Count();

    /// <summary>The keys with a value, in first-insertion order.</summary>
    public IEnumerable<string> Keys => MapOps.Keys(Branch);

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> (JSON-like value, byte[], or a new shared type).</summary>
    public void Set(string key, object? value) => Edit(tr => MapOps.Set(tr, Branch, key, value));

    /// <summary>Removes <paramref name="key"/>.</summary>
    public void Delete(string key) => Edit(tr => MapOps.Delete(tr, Branch, key));

    /// <summary>The value of <paramref name="key"/>, or null when absent (see <see cref="Has"/>).</summary>
    public object? Get(string key) => MapOps.Get(Branch, key);

    /// <summary>Whether <paramref name="key"/> has a value.</summary>
    public bool Has(string key) => Branch.MapGet(key) != null;

    /// <inheritdoc />
    public override object? ToJson() => MapOps.ToJson(Branch);
}

/// <summary>The map part of any type (Yjs's typeMap* functions).</summary>
internal static class MapOps
{
    public static void Set(Transaction transaction, Branch parent, string key, object? value)
    {
        var left = parent.Map != null && parent.Map.TryGetValue(key, out var cur) ? cur : null;
        var doc = transaction.Doc;
        Content content = value switch
        {
            byte[] bytes => new ContentBinary((byte[])bytes.Clone()),
            YType type when type.Branch.Doc == null && type.Branch.Item == null => new ContentType(type.Branch),
            YType => throw new InvalidOperationException("This type is already part of a document; insert a new instance."),
            YSubdocReference sub => new ContentDoc(sub.Guid, ContentDoc.NormalizeOptions(sub.Options)),
            _ => new ContentAny(new List<object?> { AnyValue.Normalize(value) }),
        };
        var client = doc.ClientId;
        new Item(new ID(client, doc.Store.GetState(client)), left, left?.LastId, null, null, parent, key, content)
            .Integrate(transaction, 0);
    }

    public static void Delete(Transaction transaction, Branch parent, string key)
    {
        if (parent.Map != null && parent.Map.TryGetValue(key, out var item)) item.Delete(transaction);
    }

    public static object? Get(Branch parent, string key)
    {
        var item = parent.MapGet(key);
        if (item == null) return null;
        var values = new List<object?>(1);
        item.Content.AppendValues(values);
        // A key may hold content without values (a format marker from a hand-made update): JS reads undefined.
        return values.Count > 0 ? values[^1] : Undefined.Value;
    }

    public static IEnumerable<string> Keys(Branch parent)
    {
        if (parent.Map == null) yield break;
        foreach (var (key, item) in parent.Map)
        {
            if (!item.Deleted) yield return key;
        }
    }

    public static Dictionary<string, object?> ToJson(Branch parent)
    {
        var result = new Dictionary<string, object?>();
        foreach (var key in Keys(parent)) result[key] = YType.ValueToJson(Get(parent, key));
        return result;
    }
}
