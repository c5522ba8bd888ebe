using System.Text;
using DraftPad.Crdt.Encoding;

namespace DraftPad.Crdt.Tests.Encoding;

// A tiny stand-in for the struct layer, so the encoders can be driven exactly the way the real
// struct writer/reader will drive them, and decoded updates can be compared as text.

internal abstract record TStruct;

internal sealed record TGc(long Len) : TStruct;

internal sealed record TSkip(long Len) : TStruct;

/// <summary>
/// Content by ref: 1 long, 2 string[] (JSON texts), 3 byte[], 4 string, 5 embed, 6 (key, value),
/// 7 (typeRef, name?), 8 object?[], 9 (guid, opts).
/// </summary>
internal sealed record TItem(int Ref, object? Content, ID? Origin = null, ID? Right = null,
    string? ParentRoot = null, ID? ParentId = null, string? ParentSub = null) : TStruct;

internal sealed record TGroup(ulong Client, long Clock, TStruct[] Structs);

internal sealed record TUpdate(TGroup[] Groups, (ulong Client, (long Clock, long Len)[] Ranges)[] DeleteSet);

internal static class UpdateModel
{
    public static byte[] Encode(TUpdate u, bool v2)
    {
        IUpdateEncoder e = v2 ? new UpdateEncoderV2() : new UpdateEncoderV1();
        Write(e, u);
        return e.ToArray();
    }

    public static void Write(IUpdateEncoder e, TUpdate u)
    {
        Lib0Writer rest = e.RestWriter;
        rest.WriteVarUint((ulong)u.Groups.Length);
        foreach (var g in u.Groups)
        {
            rest.WriteVarUint((ulong)g.Structs.Length);
            e.WriteClient(g.Client);
            rest.WriteVarUint((ulong)g.Clock);
            foreach (var s in g.Structs)
            {
                WriteStruct(e, s);
            }
        }
        rest.WriteVarUint((ulong)u.DeleteSet.Length);
        foreach (var (client, ranges) in u.DeleteSet)
        {
            e.ResetDsCurVal();
            rest.WriteVarUint(client);
            rest.WriteVarUint((ulong)ranges.Length);
            foreach (var (clock, len) in ranges)
            {
                e.WriteDsClock(clock);
                e.WriteDsLen(len);
            }
        }
    }

    private static void WriteStruct(IUpdateEncoder e, TStruct s)
    {
        switch (s)
        {
            case TGc gc:
                e.WriteInfo(0);
                e.WriteLen(gc.Len);
                return;
            case TSkip skip:
                e.WriteInfo(10);
                e.RestWriter.WriteVarUint((ulong)skip.Len);
                return;
        }
        var it = (TItem)s;
        int info = it.Ref | (it.Origin is null ? 0 : 0x80) | (it.Right is null ? 0 : 0x40) | (it.ParentSub is null ? 0 : 0x20);
        e.WriteInfo((byte)info);
        if (it.Origin is { } o)
        {
            e.WriteLeftId(o);
        }
        if (it.Right is { } r)
        {
            e.WriteRightId(r);
        }
        if (it.Origin is null && it.Right is null)
        {
            if (it.ParentRoot is not null)
            {
                e.WriteParentInfo(true);
                e.WriteString(it.ParentRoot);
            }
            else
            {
                e.WriteParentInfo(false);
                e.WriteLeftId(it.ParentId!.Value);
            }
            if (it.ParentSub is not null)
            {
                e.WriteString(it.ParentSub);
            }
        }
        switch (it.Ref)
        {
            case 1:
                e.WriteLen((long)it.Content!);
                break;
            case 2:
                var texts = (string[])it.Content!;
                e.WriteLen(texts.Length);
                foreach (string t in texts)
                {
                    e.WriteString(t);
                }
                break;
            case 3:
                e.WriteBuf((byte[])it.Content!);
                break;
            case 4:
                e.WriteString((string)it.Content!);
                break;
            case 5:
                e.WriteJson(it.Content);
                break;
            case 6:
                var (key, value) = ((string, object?))it.Content!;
                e.WriteKey(key);
                e.WriteJson(value);
                break;
            case 7:
                var (typeRef, name) = ((int, string?))it.Content!;
                e.WriteTypeRef(typeRef);
                if (name is not null)
                {
                    e.WriteKey(name);
                }
                break;
            case 8:
                var items = (object?[])it.Content!;
                e.WriteLen(items.Length);
                foreach (object? v in items)
                {
                    e.WriteAny(v);
                }
                break;
            case 9:
                var (guid, opts) = ((string, object?))it.Content!;
                e.WriteString(guid);
                e.WriteAny(opts);
                break;
            default:
                throw new ArgumentException("bad ref");
        }
    }

    /// <summary>Decodes an update into a canonical text dump; malformed input surfaces as YjsDecodeException.</summary>
    public static string Dump(byte[] update, bool v2, int maxStructs = 10000)
    {
        var reader = new Lib0Reader(update);
        IUpdateDecoder d = v2 ? new UpdateDecoderV2(reader) : new UpdateDecoderV1(reader);
        return Dump(d, maxStructs);
    }

    public static string Dump(IUpdateDecoder d, int maxStructs)
    {
        var sb = new StringBuilder();
        Lib0Reader rest = d.RestReader;
        int budget = maxStructs;
        ulong groups = rest.ReadVarUint();
        for (ulong gi = 0; gi < groups; gi++)
        {
            ulong n = rest.ReadVarUint();
            ulong client = d.ReadClient();
            long clock = rest.ReadVarUintAsLong();
            sb.Append("group ").Append(client).Append(" @").Append(clock).Append('\n');
            for (ulong i = 0; i < n; i++)
            {
                if (--budget < 0)
                {
                    throw new YjsDecodeException("test budget exceeded");
                }
                DumpStruct(d, sb, ref budget);
            }
        }
        ulong clients = rest.ReadVarUint();
        for (ulong ci = 0; ci < clients; ci++)
        {
            d.ResetDsCurVal();
            ulong client = rest.ReadVarUint();
            ulong ranges = rest.ReadVarUint();
            sb.Append("ds ").Append(client).Append(':');
            for (ulong ri = 0; ri < ranges; ri++)
            {
                long clock = d.ReadDsClock();
                long len = d.ReadDsLen();
                sb.Append(" [").Append(clock).Append(',').Append(len).Append(']');
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static void DumpStruct(IUpdateDecoder d, StringBuilder sb, ref int budget)
    {
        byte info = d.ReadInfo();
        int contentRef = info & 0x1F;
        if (contentRef == 0)
        {
            sb.Append(" gc ").Append(d.ReadLen()).Append('\n');
            return;
        }
        if (contentRef == 10)
        {
            sb.Append(" skip ").Append(d.RestReader.ReadVarUint()).Append('\n');
            return;
        }
        sb.Append(" item ").Append(info.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        if ((info & 0x80) != 0)
        {
            sb.Append(" origin=").Append(d.ReadLeftId());
        }
        if ((info & 0x40) != 0)
        {
            sb.Append(" right=").Append(d.ReadRightId());
        }
        if ((info & 0xC0) == 0)
        {
            if (d.ReadParentInfo())
            {
                sb.Append(" root=").Append(d.ReadString());
            }
            else
            {
                sb.Append(" parent=").Append(d.ReadLeftId());
            }
            if ((info & 0x20) != 0)
            {
                sb.Append(" sub=").Append(d.ReadString());
            }
        }
        sb.Append(' ');
        switch (contentRef)
        {
            case 1:
                sb.Append("deleted ").Append(d.ReadLen());
                break;
            case 2:
                {
                    long n = d.ReadLen();
                    sb.Append("json");
                    for (long i = 0; i < n; i++)
                    {
                        if (--budget < 0)
                        {
                            throw new YjsDecodeException("test budget exceeded");
                        }
                        sb.Append(' ').Append(d.ReadString());
                    }
                    break;
                }
            case 3:
                sb.Append("binary ").Append(Hex.Compact(d.ReadBuf()));
                break;
            case 4:
                sb.Append("string ").Append(d.ReadString());
                break;
            case 5:
                sb.Append("embed ").Append(Show(d.ReadJson()));
                break;
            case 6:
                sb.Append("format ").Append(d.ReadKey()).Append('=').Append(Show(d.ReadJson()));
                break;
            case 7:
                {
                    int typeRef = d.ReadTypeRef();
                    sb.Append("type ").Append(typeRef);
                    if (typeRef == 3 || typeRef == 5)
                    {
                        sb.Append(' ').Append(d.ReadKey());
                    }
                    break;
                }
            case 8:
                {
                    long n = d.ReadLen();
                    sb.Append("any");
                    for (long i = 0; i < n; i++)
                    {
                        if (--budget < 0)
                        {
                            throw new YjsDecodeException("test budget exceeded");
                        }
                        sb.Append(' ').Append(Show(d.ReadAny()));
                    }
                    break;
                }
            case 9:
                sb.Append("doc ").Append(d.ReadString()).Append(' ').Append(Show(d.ReadAny()));
                break;
            default:
                throw new YjsDecodeException("bad content ref " + contentRef);
        }
        sb.Append('\n');
    }

    /// <summary>JSON-ish view that tolerates every any value (bigint, undefined, NaN).</summary>
    private static string Show(object? v) => v switch
    {
        Undefined => "undefined",
        System.Numerics.BigInteger b => b + "n",
        byte[] bytes => "bytes:" + Hex.Compact(bytes),
        double d when !double.IsFinite(d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => TryStringify(v),
    };

    private static string TryStringify(object? v)
    {
        try
        {
            return JsJson.Stringify(v) ?? "undefined";
        }
        catch (NotSupportedException)
        {
            return "<bigint inside>";
        }
    }
}
