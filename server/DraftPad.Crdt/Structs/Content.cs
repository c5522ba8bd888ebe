using DraftPad.Crdt.Encoding;

namespace DraftPad.Crdt.Structs;

/// <summary>Content reference numbers as they appear in the low five bits of a struct's info byte.</summary>
internal static class ContentRef
{
    public const byte Gc = 0;
    public const byte Deleted = 1;
    public const byte Json = 2;
    public const byte Binary = 3;
    public const byte String = 4;
    public const byte Embed = 5;
    public const byte Format = 6;
    public const byte Type = 7;
    public const byte Any = 8;
    public const byte Doc = 9;
    public const byte Skip = 10;
}

/// <summary>
/// The payload of an <see cref="Item"/>. Mirrors Yjs's content classes: the length it occupies in
/// clock space, whether it counts towards a type's index space, how it splits and merges.
/// </summary>
internal abstract class Content
{
    public abstract byte Ref { get; }

    public abstract int Length { get; }

    public abstract bool Countable { get; }

    /// <summary>Splits off and returns everything from <paramref name="offset"/> on; this keeps the prefix.</summary>
    public abstract Content Splice(int offset);

    /// <summary>Appends <paramref name="right"/> (same concrete type) when the kind allows it.</summary>
    public virtual bool TryMerge(Content right) => false;

    public abstract void Write(IUpdateEncoder encoder, int offset);

    /// <summary>The JS-visible values this content contributes to an array (one per unit).</summary>
    public abstract void AppendValues(List<object?> values);

    public virtual void Integrate(Transaction transaction, Item item) { }

    public virtual void Delete(Transaction transaction) { }

    public virtual void Gc(StructStore store) { }

    public static Content Read(IUpdateDecoder decoder, byte info)
    {
        switch (info & 0x1F)
        {
            case ContentRef.Deleted: return new ContentDeleted(Checks.PositiveLength(decoder.ReadLen()));
            case ContentRef.Json: return ContentJson.Read(decoder);
            case ContentRef.Binary: return new ContentBinary(decoder.ReadBuf());
            case ContentRef.String:
                {
                    var s = decoder.ReadString();
                    if (s.Length == 0) throw new YjsDecodeException("String content must not be empty.");
                    return new ContentString(s);
                }
            case ContentRef.Embed: return new ContentEmbed(decoder.ReadJson());
            case ContentRef.Format: return new ContentFormat(decoder.ReadKey(), decoder.ReadJson());
            case ContentRef.Type: return ContentType.Read(decoder);
            case ContentRef.Any: return ContentAny.Read(decoder);
            case ContentRef.Doc: return ContentDoc.Read(decoder);
            default: throw new YjsDecodeException($"Unknown content reference {info & 0x1F}.");
        }
    }
}

internal static class Checks
{
    public static int PositiveLength(long len)
    {
        if (len <= 0 || len > int.MaxValue) throw new YjsDecodeException($"Invalid struct length {len}.");
        return (int)len;
    }

    /// <summary>Upper bound for counts in V2 updates, where run-length columns make elements almost free.</summary>
    public const int MaxV2Count = 1 << 24;

    public static int Count(long count, Lib0Reader reader)
    {
        // Every element takes at least one byte of this stream, so a larger count is a lie.
        if (count < 0 || count > reader.Remaining + 1L) throw new YjsDecodeException($"Invalid element count {count}.");
        return (int)count;
    }

    public static int Count(long count, long limit)
    {
        if (count < 0 || count > limit) throw new YjsDecodeException($"Invalid element count {count}.");
        return (int)count;
    }
}

/// <summary>Placeholder for deleted (garbage-collected) content: only a length.</summary>
internal sealed class ContentDeleted(int length) : Content
{
    public int Len = length;
    public override byte Ref => ContentRef.Deleted;
    public override int Length => Len;
    public override bool Countable => false;

    public override Content Splice(int offset)
    {
        var right = new ContentDeleted(Len - offset);
        Len = offset;
        return right;
    }

    public override bool TryMerge(Content right)
    {
        Len += ((ContentDeleted)right).Len;
        return true;
    }

    public override void Integrate(Transaction transaction, Item item)
    {
        transaction.DeleteSet.Add(item.Id.Client, item.Id.Clock, Len);
        item.MarkDeleted();
    }

    public override void Write(IUpdateEncoder encoder, int offset) => encoder.WriteLen(Len - offset);

    public override void AppendValues(List<object?> values) { }
}

/// <summary>A binary blob (a Uint8Array value), length 1.</summary>
internal sealed class ContentBinary(byte[] data) : Content
{
    public readonly byte[] Data = data;
    public override byte Ref => ContentRef.Binary;
    public override int Length => 1;
    public override bool Countable => true;
    public override Content Splice(int offset) => throw new InvalidOperationException("Binary content cannot be split.");
    public override void Write(IUpdateEncoder encoder, int offset) => encoder.WriteBuf(Data);
    public override void AppendValues(List<object?> values) => values.Add(Data);
}

/// <summary>A text embed (a JSON object such as an image), length 1.</summary>
internal sealed class ContentEmbed(object? embed) : Content
{
    public readonly object? Embed = embed;
    public override byte Ref => ContentRef.Embed;
    public override int Length => 1;
    public override bool Countable => true;
    public override Content Splice(int offset) => throw new InvalidOperationException("Embed content cannot be split.");
    public override void Write(IUpdateEncoder encoder, int offset) => encoder.WriteJson(Embed);
    public override void AppendValues(List<object?> values) => values.Add(Embed);
}

/// <summary>A formatting marker in a text: attribute <see cref="Key"/> takes <see cref="Value"/> from here on.</summary>
internal sealed class ContentFormat(string key, object? value) : Content
{
    public readonly string Key = key;
    public readonly object? Value = value;
    public override byte Ref => ContentRef.Format;
    public override int Length => 1;
    public override bool Countable => false;
    public override Content Splice(int offset) => throw new InvalidOperationException("Format content cannot be split.");

    public override void Integrate(Transaction transaction, Item item)
    {
        // Yjs stops using search markers on formatted text; positions then depend on attributes seen from the start.
        var parent = (Branch)item.Parent!;
        parent.Markers = null;
        parent.HasFormatting = true;
    }

    public override void Write(IUpdateEncoder encoder, int offset)
    {
        encoder.WriteKey(Key);
        encoder.WriteJson(Value);
    }

    public override void AppendValues(List<object?> values) { }
}
