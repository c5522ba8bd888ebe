using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace DraftPad.Crdt.Encoding;

/// <summary>
/// JSON with JavaScript semantics over the <see cref="AnyEncoding"/> value model: <see cref="Stringify"/>
/// matches <c>JSON.stringify</c> byte for byte and <see cref="Parse"/> matches <c>JSON.parse</c>.
/// Yjs V1 carries embeds, format values and ContentJSON as such text, and awareness states use it.
/// </summary>
public static class JsJson
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    /// <summary>
    /// Like JS <c>JSON.stringify(value)</c>. Returns <see langword="null"/> when JS would return
    /// <c>undefined</c> (top-level <see cref="Undefined"/> or an unsupported value); V1 writers then
    /// write the literal text <c>undefined</c>.
    /// </summary>
    /// <exception cref="NotSupportedException">The value contains a <see cref="BigInteger"/> (JS throws a TypeError).</exception>
    /// <exception cref="InvalidOperationException">The value is nested too deeply or is cyclic.</exception>
    public static string? Stringify(object? value)
    {
        StringBuilder sb = t_builder ?? new StringBuilder(256);
        t_builder = null;
        try
        {
            sb.Clear();
            if (!WriteValue(sb, value, 0))
            {
                return null;
            }
            return sb.ToString();
        }
        finally
        {
            if (sb.Capacity <= 64 * 1024)
            {
                t_builder = sb;
            }
        }
    }

    /// <summary>Like JS <c>JSON.parse</c>: numbers become <see cref="double"/>, objects <see cref="Dictionary{TKey,TValue}"/>, arrays <see cref="List{T}"/>.</summary>
    /// <exception cref="YjsDecodeException">The text is not valid JSON.</exception>
    public static object? Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsJsonParser.Parse(json);
    }

    /// <summary>JS <c>Number.prototype.toString()</c> (radix 10) for a double.</summary>
    public static string NumberToString(double value)
    {
        Span<char> buf = stackalloc char[32];
        int n = FormatNumber(value, buf);
        return new string(buf[..n]);
    }

    /// <summary>Writes <paramref name="value"/>; returns false if it is undefined in JSON terms (nothing written).</summary>
    private static bool WriteValue(StringBuilder sb, object? value, int depth)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                return true;
            case string s:
                WriteString(sb, s);
                return true;
            case bool b:
                sb.Append(b ? "true" : "false");
                return true;
            case Undefined:
                return false;
            case BigInteger:
                throw new NotSupportedException("JSON.stringify cannot serialize a BigInt.");
        }
        if (AnyEncoding.TryGetNumber(value, out double d))
        {
            if (!double.IsFinite(d))
            {
                sb.Append("null");
            }
            else
            {
                Span<char> buf = stackalloc char[32];
                int n = FormatNumber(d, buf);
                sb.Append(buf[..n]);
            }
            return true;
        }
        if (depth >= AnyEncoding.MaxWriteDepth)
        {
            throw new InvalidOperationException("Value is nested too deeply (or cyclic) for JSON.stringify.");
        }
        switch (value)
        {
            case byte[] bytes:
                WriteBytes(sb, bytes);
                return true;
            case ReadOnlyMemory<byte> rom:
                WriteBytes(sb, rom.Span);
                return true;
            case Memory<byte> mem:
                WriteBytes(sb, mem.Span);
                return true;
            case ArraySegment<byte> seg:
                WriteBytes(sb, seg.AsSpan());
                return true;
        }
        if (value is Dictionary<string, object?> dict && !JsObjectKeys.HasArrayIndexKey(dict))
        {
            sb.Append('{');
            bool first = true;
            foreach (var kv in dict)
            {
                WriteMember(sb, kv.Key, kv.Value, ref first, depth);
            }
            sb.Append('}');
            return true;
        }
        if (JsObjectKeys.TryGetOrderedEntries(value!, out var entries))
        {
            sb.Append('{');
            bool first = true;
            foreach (var kv in entries)
            {
                WriteMember(sb, kv.Key, kv.Value, ref first, depth);
            }
            sb.Append('}');
            return true;
        }
        if (value is IEnumerable enumerable)
        {
            sb.Append('[');
            bool first = true;
            foreach (object? item in enumerable)
            {
                if (!first)
                {
                    sb.Append(',');
                }
                first = false;
                if (!WriteValue(sb, item, depth + 1))
                {
                    sb.Append("null");
                }
            }
            sb.Append(']');
            return true;
        }
        return false;
    }

    private static void WriteMember(StringBuilder sb, string key, object? value, ref bool first, int depth)
    {
        int mark = sb.Length;
        if (!first)
        {
            sb.Append(',');
        }
        WriteString(sb, key);
        sb.Append(':');
        if (WriteValue(sb, value, depth + 1))
        {
            first = false;
        }
        else
        {
            sb.Length = mark;
        }
    }

    /// <summary>JS stringifies a Uint8Array as an object keyed by index.</summary>
    private static void WriteBytes(StringBuilder sb, ReadOnlySpan<byte> bytes)
    {
        sb.Append('{');
        for (int i = 0; i < bytes.Length; i++)
        {
            if (i != 0)
            {
                sb.Append(',');
            }
            sb.Append('"').Append(i).Append("\":").Append(bytes[i]);
        }
        sb.Append('}');
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        int runStart = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c >= 0x20 && c != '"' && c != '\\' && !char.IsSurrogate(c))
            {
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
                continue;
            }
            sb.Append(s, runStart, i - runStart);
            runStart = i + 1;
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    // Control characters and lone surrogates (well-formed JSON.stringify, ES2019).
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }
        sb.Append(s, runStart, s.Length - runStart);
        sb.Append('"');
    }

    /// <summary>
    /// ECMAScript Number::toString: shortest round-trip digits, plain notation for decimal
    /// exponents in [-6, 21), exponent notation (<c>1e+21</c>, <c>1.5e-7</c>) outside.
    /// </summary>
    internal static int FormatNumber(double value, Span<char> dest)
    {
        if (double.IsNaN(value))
        {
            "NaN".CopyTo(dest);
            return 3;
        }
        if (double.IsInfinity(value))
        {
            string inf = value > 0 ? "Infinity" : "-Infinity";
            inf.CopyTo(dest);
            return inf.Length;
        }
        if (value == 0)
        {
            dest[0] = '0';
            return 1;
        }
        if (Math.Abs(value) < 9007199254740992.0 && value == Math.Floor(value))
        {
            // Integers below 2^53 are their own shortest representation.
            ((long)value).TryFormat(dest, out int w, default, CultureInfo.InvariantCulture);
            return w;
        }
        Span<char> raw = stackalloc char[40];
        value.TryFormat(raw, out int rawLen, "R", CultureInfo.InvariantCulture);
        ReadOnlySpan<char> r = raw[..rawLen];
        int pos = 0;
        if (r[0] == '-')
        {
            dest[pos++] = '-';
            r = r[1..];
        }
        int exp10 = 0;
        int e = r.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            exp10 = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }
        Span<char> digits = stackalloc char[32];
        int k = 0;
        int intDigits = 0;
        bool seenDot = false;
        foreach (char c in r)
        {
            if (c == '.')
            {
                seenDot = true;
                continue;
            }
            if (!seenDot)
            {
                intDigits++;
            }
            digits[k++] = c;
        }
        int n = intDigits + exp10;
        int lead = 0;
        while (lead < k - 1 && digits[lead] == '0')
        {
            lead++;
            n--;
        }
        ReadOnlySpan<char> ds = digits[lead..k];
        int trimmed = ds.Length;
        while (trimmed > 1 && ds[trimmed - 1] == '0')
        {
            trimmed--;
        }
        ds = ds[..trimmed];
        k = ds.Length;
        if (k <= n && n <= 21)
        {
            ds.CopyTo(dest[pos..]);
            pos += k;
            for (int i = 0; i < n - k; i++)
            {
                dest[pos++] = '0';
            }
        }
        else if (0 < n && n <= 21)
        {
            ds[..n].CopyTo(dest[pos..]);
            pos += n;
            dest[pos++] = '.';
            ds[n..].CopyTo(dest[pos..]);
            pos += k - n;
        }
        else if (-6 < n && n <= 0)
        {
            dest[pos++] = '0';
            dest[pos++] = '.';
            for (int i = 0; i < -n; i++)
            {
                dest[pos++] = '0';
            }
            ds.CopyTo(dest[pos..]);
            pos += k;
        }
        else
        {
            dest[pos++] = ds[0];
            if (k > 1)
            {
                dest[pos++] = '.';
                ds[1..].CopyTo(dest[pos..]);
                pos += k - 1;
            }
            dest[pos++] = 'e';
            int exp = n - 1;
            dest[pos++] = exp < 0 ? '-' : '+';
            Math.Abs(exp).TryFormat(dest[pos..], out int ew, default, CultureInfo.InvariantCulture);
            pos += ew;
        }
        return pos;
    }
}
