using DraftPad.Crdt.Encoding;

namespace DraftPad.Crdt.Structs;

/// <summary>A run of JSON-like values (array elements or one map value), lib0 `any` encoded.</summary>
internal sealed class ContentAny(List<object?> values) : Content
{
    public List<object?> Values = values;
    public override byte Ref => ContentRef.Any;
    public override int Length => Values.Count;
    public override bool Countable => true;

    public override Content Splice(int offset)
    {
        var right = new ContentAny(Values.GetRange(offset, Values.Count - offset));
        Values.RemoveRange(offset, Values.Count - offset);
        return right;
    }

    public override bool TryMerge(Content right)
    {
        Values.AddRange(((ContentAny)right).Values);
        return true;
    }

    public override void Write(IUpdateEncoder encoder, int offset)
    {
        encoder.WriteLen(Values.Count - offset);
        for (var i = offset; i < Values.Count; i++) encoder.WriteAny(Values[i]);
    }

    public override void AppendValues(List<object?> values) => values.AddRange(Values);

    public static ContentAny Read(IUpdateDecoder decoder)
    {
        var len = Checks.PositiveLength(decoder.ReadLen());
        var values = new List<object?>(Math.Min(len, 1024));
        for (var i = 0; i < len; i++) values.Add(decoder.ReadAny());
        return new ContentAny(values);
    }
}

/// <summary>Legacy JSON content (ref 2): each element is JSON text, or the literal `undefined`.</summary>
internal sealed class ContentJson(List<object?> values) : Content
{
    public List<object?> Values = values;
    public override byte Ref => ContentRef.Json;
    public override int Length => Values.Count;
    public override bool Countable => true;

    public override Content Splice(int offset)
    {
        var right = new ContentJson(Values.GetRange(offset, Values.Count - offset));
        Values.RemoveRange(offset, Values.Count - offset);
        return right;
    }

    public override bool TryMerge(Content right)
    {
        Values.AddRange(((ContentJson)right).Values);
        return true;
    }

    public override void Write(IUpdateEncoder encoder, int offset)
    {
        encoder.WriteLen(Values.Count - offset);
        for (var i = offset; i < Values.Count; i++)
        {
            var v = Values[i];
            encoder.WriteString(v is Undefined ? "undefined" : JsJson.Stringify(v) ?? "undefined");
        }
    }

    public override void AppendValues(List<object?> values) => values.AddRange(Values);

    public static ContentJson Read(IUpdateDecoder decoder)
    {
        var len = Checks.PositiveLength(decoder.ReadLen());
        var values = new List<object?>(Math.Min(len, 1024));
        for (var i = 0; i < len; i++)
        {
            var s = decoder.ReadString();
            values.Add(s == "undefined" ? Undefined.Value : JsJson.Parse(s));
        }
        return new ContentJson(values);
    }
}
