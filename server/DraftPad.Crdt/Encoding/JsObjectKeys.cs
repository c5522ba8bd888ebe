using System.Collections;
using System.Globalization;

namespace DraftPad.Crdt.Encoding;

/// <summary>
/// JS <c>Object.keys</c> ordering for CLR dictionaries: canonical array-index keys
/// ("0".."4294967294", no leading zeros) come first in ascending numeric order, then all other
/// keys in insertion order. Both the <c>any</c> encoder and <see cref="JsJson"/> need it for
/// byte-exact output.
/// </summary>
internal static class JsObjectKeys
{
    /// <summary>Whether <paramref name="key"/> is a canonical JS array index.</summary>
    public static bool IsArrayIndex(string key, out uint index)
    {
        index = 0;
        int len = key.Length;
        if (len == 0 || len > 10)
        {
            return false;
        }
        char c0 = key[0];
        if (c0 < '0' || c0 > '9')
        {
            return false;
        }
        if (c0 == '0')
        {
            return len == 1;
        }
        ulong v = 0;
        for (int i = 0; i < len; i++)
        {
            uint d = (uint)(key[i] - '0');
            if (d > 9)
            {
                return false;
            }
            v = v * 10 + d;
        }
        if (v > 4294967294UL)
        {
            return false;
        }
        index = (uint)v;
        return true;
    }

    /// <summary>Cheap pre-check: most keys cannot be indexes because they do not start with a digit.</summary>
    public static bool MayBeArrayIndex(string key) => key.Length != 0 && (uint)(key[0] - '0') <= 9;

    /// <summary>Whether a dictionary needs reordering before it is written in JS key order.</summary>
    public static bool HasArrayIndexKey(Dictionary<string, object?> dict)
    {
        foreach (string key in dict.Keys)
        {
            if (MayBeArrayIndex(key) && IsArrayIndex(key, out _))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is treated as a JS plain object; if so returns its entries in
    /// JS key order. <see cref="Dictionary{TKey,TValue}"/> without index keys should be iterated
    /// directly by callers instead (no allocation); this handles the general case.
    /// </summary>
    public static bool TryGetOrderedEntries(object value, out KeyValuePair<string, object?>[] entries)
    {
        KeyValuePair<string, object?>[] arr;
        switch (value)
        {
            case IEnumerable<KeyValuePair<string, object?>> generic:
                arr = Materialize(generic);
                break;
            case IDictionary legacy:
                arr = new KeyValuePair<string, object?>[legacy.Count];
                int n = 0;
                foreach (DictionaryEntry e in legacy)
                {
                    string key = e.Key as string ?? Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                    if (n == arr.Length)
                    {
                        Array.Resize(ref arr, n * 2 + 4);
                    }
                    arr[n++] = new KeyValuePair<string, object?>(key, e.Value);
                }
                if (n != arr.Length)
                {
                    Array.Resize(ref arr, n);
                }
                break;
            default:
                entries = [];
                return false;
        }
        entries = Order(arr);
        return true;
    }

    private static KeyValuePair<string, object?>[] Materialize(IEnumerable<KeyValuePair<string, object?>> source)
    {
        if (source is ICollection<KeyValuePair<string, object?>> coll)
        {
            var arr = new KeyValuePair<string, object?>[coll.Count];
            coll.CopyTo(arr, 0);
            return arr;
        }
        var list = new List<KeyValuePair<string, object?>>();
        foreach (var kv in source)
        {
            list.Add(kv);
        }
        return list.ToArray();
    }

    /// <summary>Reorders in place into JS key order (stable for non-index keys).</summary>
    private static KeyValuePair<string, object?>[] Order(KeyValuePair<string, object?>[] arr)
    {
        int indexCount = 0;
        for (int i = 0; i < arr.Length; i++)
        {
            string k = arr[i].Key;
            if (MayBeArrayIndex(k) && IsArrayIndex(k, out _))
            {
                indexCount++;
            }
        }
        if (indexCount == 0)
        {
            return arr;
        }
        var indexes = new uint[indexCount];
        var indexed = new KeyValuePair<string, object?>[indexCount];
        var result = new KeyValuePair<string, object?>[arr.Length];
        int ni = 0;
        int no = indexCount;
        for (int i = 0; i < arr.Length; i++)
        {
            string k = arr[i].Key;
            if (MayBeArrayIndex(k) && IsArrayIndex(k, out uint idx))
            {
                indexes[ni] = idx;
                indexed[ni++] = arr[i];
            }
            else
            {
                result[no++] = arr[i];
            }
        }
        Array.Sort(indexes, indexed);
        indexed.CopyTo(result, 0);
        return result;
    }
}
