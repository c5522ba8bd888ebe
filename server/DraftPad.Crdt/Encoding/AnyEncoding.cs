using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DraftPad.Crdt.Encoding;

/// <summary>
/// lib0's schemaless <c>any</c> encoding (tags 127 down to 116) and the C# value model for it.
/// </summary>
/// <remarks>
/// Decoded values: <see langword="null"/> (JS null), <see cref="Undefined.Value"/>, <see cref="bool"/>,
/// <see cref="double"/> for every number (−0 preserved), <see cref="BigInteger"/> for bigints,
/// <see cref="string"/>, <see cref="Dictionary{TKey,TValue}"/> of string to object (wire order),
/// <see cref="List{T}"/> of object, and <see cref="byte"/>[] for Uint8Array.
/// Encoding additionally accepts any CLR numeric type, <see cref="ReadOnlyMemory{T}"/> of bytes,
/// any string-keyed dictionary and any enumerable; other values encode as undefined, as JS does
/// for functions.
/// </remarks>
public static class AnyEncoding
{
    /// <summary>Deepest nesting the reader accepts; deeper input is rejected instead of overflowing the stack.</summary>
    public const int MaxReadDepth = 512;

    /// <summary>Deepest nesting the writer accepts (cyclic values hit this).</summary>
    public const int MaxWriteDepth = 1024;

    private static readonly double CanonicalNaN = BitConverter.Int64BitsToDouble(0x7FF8000000000000);
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    /// <summary>Writes <paramref name="value"/> with its tag.</summary>
    public static void Write(Lib0Writer writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Write(writer, value, 0);
    }

    private static void Write(Lib0Writer w, object? value, int depth)
    {
        switch (value)
        {
            case null:
                w.WriteUInt8(126);
                return;
            case string s:
                w.WriteUInt8(119);
                w.WriteVarString(s);
                return;
            case double d:
                WriteNumber(w, d);
                return;
            case bool b:
                w.WriteUInt8(b ? (byte)120 : (byte)121);
                return;
            case int i:
                if (i != int.MinValue)
                {
                    w.WriteUInt8(125);
                    w.WriteVarInt(i);
                }
                else
                {
                    WriteNumber(w, i);
                }
                return;
            case long l:
                if (l >= -int.MaxValue && l <= int.MaxValue)
                {
                    w.WriteUInt8(125);
                    w.WriteVarInt(l);
                }
                else
                {
                    WriteNumber(w, l);
                }
                return;
            case Undefined:
                w.WriteUInt8(127);
                return;
            case byte[] bytes:
                w.WriteUInt8(116);
                w.WriteVarUint8Array(bytes);
                return;
            case ReadOnlyMemory<byte> rom:
                w.WriteUInt8(116);
                w.WriteVarUint8Array(rom.Span);
                return;
            case Memory<byte> mem:
                w.WriteUInt8(116);
                w.WriteVarUint8Array(mem.Span);
                return;
            case ArraySegment<byte> seg:
                w.WriteUInt8(116);
                w.WriteVarUint8Array(seg.AsSpan());
                return;
            case BigInteger big:
                w.WriteUInt8(122);
                w.WriteBigInt64BE(WrapToInt64(big));
                return;
        }
        if (TryGetNumber(value, out double number))
        {
            WriteNumber(w, number);
            return;
        }
        if (depth >= MaxWriteDepth)
        {
            throw new InvalidOperationException("Value is nested too deeply (or cyclic) for the any encoding.");
        }
        if (value is Dictionary<string, object?> dict && !JsObjectKeys.HasArrayIndexKey(dict))
        {
            w.WriteUInt8(118);
            w.WriteVarUint((ulong)dict.Count);
            foreach (var kv in dict)
            {
                w.WriteVarString(kv.Key);
                Write(w, kv.Value, depth + 1);
            }
            return;
        }
        if (JsObjectKeys.TryGetOrderedEntries(value, out var entries))
        {
            w.WriteUInt8(118);
            w.WriteVarUint((ulong)entries.Length);
            foreach (var kv in entries)
            {
                w.WriteVarString(kv.Key);
                Write(w, kv.Value, depth + 1);
            }
            return;
        }
        switch (value)
        {
            case List<object?> list:
                w.WriteUInt8(117);
                w.WriteVarUint((ulong)list.Count);
                foreach (object? item in list)
                {
                    Write(w, item, depth + 1);
                }
                return;
            case IList ilist:
                w.WriteUInt8(117);
                w.WriteVarUint((ulong)ilist.Count);
                for (int i = 0; i < ilist.Count; i++)
                {
                    Write(w, ilist[i], depth + 1);
                }
                return;
            case IEnumerable enumerable:
                var items = new List<object?>();
                foreach (object? item in enumerable)
                {
                    items.Add(item);
                }
                w.WriteUInt8(117);
                w.WriteVarUint((ulong)items.Count);
                foreach (object? item in items)
                {
                    Write(w, item, depth + 1);
                }
                return;
            default:
                w.WriteUInt8(127);
                return;
        }
    }

    /// <summary>Tag choice for a JS number: small integers as varInt, float32-exact values as float32, else float64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void WriteNumber(Lib0Writer w, double d)
    {
        if (Math.Abs(d) <= int.MaxValue && d == Math.Floor(d))
        {
            w.WriteUInt8(125);
            if (d == 0)
            {
                w.WriteVarInt(0, double.IsNegative(d));
            }
            else
            {
                w.WriteVarInt((long)d);
            }
        }
        else if ((double)(float)d == d)
        {
            w.WriteUInt8(124);
            w.WriteFloat32BE((float)d);
        }
        else
        {
            w.WriteUInt8(123);
            // .NET's default NaN has the sign bit set; V8 writes the canonical quiet NaN 7ff8000000000000.
            w.WriteFloat64BE(double.IsNaN(d) ? CanonicalNaN : d);
        }
    }

    /// <summary>JS <c>BigInt.asIntN(64, n)</c>, which is what <c>DataView.setBigInt64</c> stores.</summary>
    private static long WrapToInt64(BigInteger big) => unchecked((long)(ulong)(big & ulong.MaxValue));

    /// <summary>Converts any CLR numeric value to the JS number it represents.</summary>
    internal static bool TryGetNumber(object? value, out double number)
    {
        switch (value)
        {
            case double d: number = d; return true;
            case int i: number = i; return true;
            case long l: number = l; return true;
            case float f: number = f; return true;
            case uint ui: number = ui; return true;
            case ulong ul: number = ul; return true;
            case short sh: number = sh; return true;
            case ushort us: number = us; return true;
            case byte by: number = by; return true;
            case sbyte sb: number = sb; return true;
            case decimal m: number = (double)m; return true;
            case Half h: number = (double)h; return true;
            case nint ni: number = ni; return true;
            case nuint nu: number = nu; return true;
            default: number = 0; return false;
        }
    }

    /// <summary>Reads one tagged value.</summary>
    public static object? Read(Lib0Reader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(reader, 0);
    }

    private static object? Read(Lib0Reader r, int depth)
    {
        byte tag = r.ReadUInt8();
        switch (tag)
        {
            case 127:
                return Undefined.Value;
            case 126:
                return null;
            case 125:
                {
                    long mag = r.ReadVarIntMagnitude(out bool negative);
                    return negative ? -(double)mag : (double)mag;
                }
            case 124:
                return (double)r.ReadFloat32BE();
            case 123:
                return r.ReadFloat64BE();
            case 122:
                return new BigInteger(r.ReadBigInt64BE());
            case 121:
                return BoxedFalse;
            case 120:
                return BoxedTrue;
            case 119:
                return r.ReadVarString();
            case 118:
                {
                    CheckDepth(depth);
                    int count = r.ReadCount(2);
                    var obj = new Dictionary<string, object?>(count);
                    for (int i = 0; i < count; i++)
                    {
                        string key = r.ReadVarString();
                        var value = Read(r, depth + 1);
                        // lib0 assigns obj[key] = value: "__proto__" sets the prototype, not a property,
                        // so JS drops it. Assignment, not Add: a repeated key overwrites in place.
                        if (key != "__proto__") obj[key] = value;
                    }
                    return obj;
                }
            case 117:
                {
                    CheckDepth(depth);
                    int count = r.ReadCount(1);
                    var list = new List<object?>(count);
                    for (int i = 0; i < count; i++)
                    {
                        list.Add(Read(r, depth + 1));
                    }
                    return list;
                }
            case 116:
                return r.ReadVarUint8Array();
            default:
                throw new YjsDecodeException($"Invalid any tag {tag}.");
        }
    }

    private static void CheckDepth(int depth)
    {
        if (depth >= MaxReadDepth)
        {
            throw new YjsDecodeException("any value is nested too deeply.");
        }
    }

    /// <summary>
    /// Deep structural equality like lib0 <c>equalityDeep</c>: primitives by value (NaN unequal,
    /// −0 equals 0), objects key by key regardless of order, arrays element-wise, byte arrays by
    /// content. Use it for awareness states and tests; Y.Text format attributes need
    /// <see cref="AttrEquals"/>.
    /// </summary>
    public static bool AnyEquals(object? a, object? b) => DeepEquals(a, b, 0);

    private static bool DeepEquals(object? a, object? b, int depth)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if (PrimitiveEquals(a, b, out bool primitiveResult))
        {
            return primitiveResult;
        }
        if (depth >= MaxWriteDepth)
        {
            return false;
        }
        if (TryGetBytes(a, out var ba))
        {
            return TryGetBytes(b, out var bb) && ba.SequenceEqual(bb);
        }
        if (a is IList la)
        {
            if (b is not IList lb || la.Count != lb.Count || IsObjectLike(b))
            {
                return false;
            }
            for (int i = 0; i < la.Count; i++)
            {
                if (!DeepEquals(la[i], lb[i], depth + 1))
                {
                    return false;
                }
            }
            return true;
        }
        if (IsObjectLike(a) && IsObjectLike(b))
        {
            return ObjectEquals(a!, b!, (x, y) => DeepEquals(x, y, depth + 1));
        }
        return a is not null && b is not null && a.GetType() == b.GetType() && a.Equals(b);
    }

    /// <summary>
    /// Yjs's <c>equalAttrs</c> for Y.Text format values: <c>a === b</c>, or both are objects/arrays
    /// with the same keys whose values are <c>===</c> (one level only: nested objects compare by
    /// reference, exactly like JS, so two separately decoded nested objects are unequal).
    /// </summary>
    public static bool AttrEquals(object? a, object? b)
    {
        if (StrictEquals(a, b))
        {
            return true;
        }
        if (a is null || b is null)
        {
            return false;
        }
        if (TryGetBytes(a, out var ba))
        {
            return TryGetBytes(b, out var bb) && ba.SequenceEqual(bb);
        }
        if (a is IList la && !IsObjectLike(a))
        {
            if (b is not IList lb || IsObjectLike(b) || la.Count != lb.Count)
            {
                return false;
            }
            for (int i = 0; i < la.Count; i++)
            {
                if (!StrictEquals(la[i], lb[i]))
                {
                    return false;
                }
            }
            return true;
        }
        if (IsObjectLike(a) && IsObjectLike(b))
        {
            return ObjectEquals(a, b, StrictEquals);
        }
        return false;
    }

    /// <summary>JS <c>===</c> over the any model: primitives by value, objects/arrays by reference.</summary>
    public static bool StrictEquals(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        return PrimitiveEquals(a, b, out bool result) && result;
    }

    /// <summary>Compares when at least one side is a primitive; returns false if both are objects.</summary>
    private static bool PrimitiveEquals(object? a, object? b, out bool result)
    {
        if (a is null || b is null || a is Undefined || b is Undefined)
        {
            result = ReferenceEquals(a, b);
            return true;
        }
        if (TryGetNumber(a, out double da))
        {
            result = TryGetNumber(b, out double db) && da == db;
            return true;
        }
        switch (a)
        {
            case string sa:
                result = b is string sb && string.Equals(sa, sb, StringComparison.Ordinal);
                return true;
            case bool boa:
                result = b is bool bob && boa == bob;
                return true;
            case BigInteger ia:
                result = b is BigInteger ib && ia == ib;
                return true;
        }
        if (TryGetNumber(b, out _) || b is string || b is bool || b is BigInteger)
        {
            result = false;
            return true;
        }
        result = false;
        return false;
    }

    private static bool IsObjectLike(object? v) =>
        v is IEnumerable<KeyValuePair<string, object?>> || v is IDictionary;

    private static bool ObjectEquals(object a, object b, Func<object?, object?, bool> valueEquals)
    {
        JsObjectKeys.TryGetOrderedEntries(a, out var ea);
        JsObjectKeys.TryGetOrderedEntries(b, out var eb);
        if (ea.Length != eb.Length)
        {
            return false;
        }
        Dictionary<string, object?>? lookup = b as Dictionary<string, object?>;
        if (lookup is null)
        {
            lookup = new Dictionary<string, object?>(eb.Length);
            foreach (var kv in eb)
            {
                lookup[kv.Key] = kv.Value;
            }
        }
        foreach (var kv in ea)
        {
            if (!lookup.TryGetValue(kv.Key, out object? bv) || !valueEquals(kv.Value, bv))
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryGetBytes(object? v, out ReadOnlySpan<byte> bytes)
    {
        switch (v)
        {
            case byte[] arr: bytes = arr; return true;
            case ReadOnlyMemory<byte> rom: bytes = rom.Span; return true;
            case Memory<byte> mem: bytes = mem.Span; return true;
            case ArraySegment<byte> seg: bytes = seg.AsSpan(); return true;
            default: bytes = default; return false;
        }
    }
}
