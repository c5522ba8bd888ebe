namespace DraftPad.Crdt.Structs;

/// <summary>A run of values, one clock each: the shared behaviour of Any and legacy JSON content.</summary>
internal abstract class ValueListContent(List<object?> values) : Content
{
    public List<object?> Values = values;
    public override int Length => Values.Count;
    public override bool Countable => true;

    protected abstract ValueListContent Create(List<object?> values);

    protected abstract void WriteValue(IUpdateEncoder encoder, object? value);

    public override Content Splice(int offset)
    {
        var right = Create(Values.GetRange(offset, Values.Count - offset));
        Values.RemoveRange(offset, Values.Count - offset);
        return right;
    }

    public override bool TryMerge(Content right)
    {
        Values.AddRange(((ValueListContent)right).Values);
        return true;
    }

    public override void Write(IUpdateEncoder encoder, int offset)
    {
        encoder.WriteLen(Values.Count - offset);
        for (var i = offset; i < Values.Count; i++) WriteValue(encoder, Values[i]);
    }

    public override void AppendValues(List<object?> values) => values.AddRange(Values);

    protected static List<object?> ReadValues(IUpdateDecoder decoder, Func<IUpdateDecoder, object?> readValue)
    {
        var len = Checks.PositiveLength(decoder.ReadLen());
        var values = new List<object?>(Math.Min(len, 1024));
        for (var i = 0; i < len; i++) values.Add(readValue(decoder));
        return values;
    }
}

/// <summary>Values encoded with lib0 `any` (ref 8): array elements and map values.</summary>
internal sealed class ContentAny(List<object?> values) : ValueListContent(values)
{
    public override byte Ref => ContentRef.Any;

    protected override ValueListContent Create(List<object?> values) => new ContentAny(values);

    protected override void WriteValue(IUpdateEncoder encoder, object? value) => encoder.WriteAny(value);

    public static ContentAny Read(IUpdateDecoder decoder) => new(ReadValues(decoder, d => d.ReadAny()));
}

/// <summary>Legacy JSON content (ref 2): each element is JSON text, or the literal `undefined`.</summary>
internal sealed class ContentJson(List<object?> values) : ValueListContent(values)
{
    public override byte Ref => ContentRef.Json;

    protected override ValueListContent Create(List<object?> values) => new ContentJson(values);

    protected override void WriteValue(IUpdateEncoder encoder, object? value) =>
        encoder.WriteString(value is Undefined ? "undefined" : JsJson.Stringify(value) ?? "undefined");

    public static ContentJson Read(IUpdateDecoder decoder) => new(ReadValues(decoder, d =>
    {
        var s = d.ReadString();
        return s == "undefined" ? Undefined.Value : JsJson.Parse(s);
    }));
}
