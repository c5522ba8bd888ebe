using System.Collections;
using System.Numerics;

namespace DraftPad.Crdt;

/// <summary>Brings CLR values into the JS value model the documents store (one number type: double).</summary>
internal static class AnyValue
{
    public static object? Normalize(object? value) => value switch
    {
        null or string or bool or double or Undefined or BigInteger or byte[] => value,
        int or long or short or sbyte or byte or uint or ulong or ushort or float or decimal => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
        ReadOnlyMemory<byte> m => m.ToArray(),
        IEnumerable<KeyValuePair<string, object?>> dict => NormalizeObject(dict),
        IDictionary d => NormalizeObject(d),
        IEnumerable list => NormalizeList(list),
        _ => throw new ArgumentException($"Values of type {value.GetType().Name} cannot be stored in a document."),
    };

    /// <summary>
    /// As <see cref="Normalize"/>, for values that V1 encodes as JSON text (embeds, format values):
    /// a BigInt has no JSON form, so it is refused here rather than failing every later encode.
    /// </summary>
    public static object? NormalizeJson(object? value, string what)
    {
        var normalized = Normalize(value);
        if (ContainsBigInt(normalized)) throw new ArgumentException($"A BigInt cannot be stored in {what}: V1 updates carry it as JSON.");
        return normalized;
    }

    private static bool ContainsBigInt(object? value) => value switch
    {
        BigInteger => true,
        Dictionary<string, object?> d => d.Values.Any(ContainsBigInt),
        List<object?> l => l.Any(ContainsBigInt),
        _ => false,
    };

    private static Dictionary<string, object?> NormalizeObject(IEnumerable<KeyValuePair<string, object?>> dict)
    {
        var result = new Dictionary<string, object?>();
        foreach (var (k, v) in dict) result[k] = Normalize(v);
        return result;
    }

    private static Dictionary<string, object?> NormalizeObject(IDictionary dict)
    {
        var result = new Dictionary<string, object?>();
        foreach (DictionaryEntry e in dict) result[(string)e.Key] = Normalize(e.Value);
        return result;
    }

    private static List<object?> NormalizeList(IEnumerable list)
    {
        var result = new List<object?>();
        foreach (var v in list) result.Add(Normalize(v));
        return result;
    }

    /// <summary>JS `===`: value equality for primitives (and BigInt), reference equality for objects.</summary>
    public static bool StrictEquals(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (Undefined, Undefined) => true,
        (double x, double y) => x == y,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (bool x, bool y) => x == y,
        (BigInteger x, BigInteger y) => x == y,
        _ => ReferenceEquals(a, b),
    };

    /// <summary>Yjs's equalAttrs: strict equality, or a flat comparison of two objects/arrays.</summary>
    public static bool EqualAttrs(object? a, object? b)
    {
        if (StrictEquals(a, b)) return true;
        switch (a, b)
        {
            case (IReadOnlyDictionary<string, object?> x, IReadOnlyDictionary<string, object?> y):
                if (x.Count != y.Count) return false;
                foreach (var (k, v) in x)
                {
                    if (!y.TryGetValue(k, out var w)) return false;
                    if (!StrictEquals(v, w)) return false;
                }
                return true;
            case (IList<object?> x, IList<object?> y):
                if (x.Count != y.Count) return false;
                for (var i = 0; i < x.Count; i++) if (!StrictEquals(x[i], y[i])) return false;
                return true;
            default:
                return false;
        }
    }
}

/// <summary>
/// A string-keyed map with JS Map semantics: iteration in insertion order, a deleted key that is
/// set again goes to the end. Attribute order decides the order of format items Yjs inserts.
/// </summary>
internal sealed class OrderedMap
{
    private static readonly List<string> NoKeys = new();

    // Allocated on first write: most positions in unformatted text never hold an attribute.
    private List<string>? _keys;
    private Dictionary<string, object?>? _values;

    public int Count => _keys?.Count ?? 0;

    public IReadOnlyList<string> Keys => _keys ?? NoKeys;

    public bool TryGetValue(string key, out object? value)
    {
        if (_values == null)
        {
            value = null;
            return false;
        }
        return _values.TryGetValue(key, out value);
    }

    public bool ContainsKey(string key) => _values != null && _values.ContainsKey(key);

    /// <summary>The value, or <see cref="Undefined.Value"/> when absent (JS `map.get`).</summary>
    public object? Get(string key) => TryGetValue(key, out var v) ? v : Undefined.Value;

    public void Set(string key, object? value)
    {
        _values ??= new Dictionary<string, object?>();
        _keys ??= new List<string>();
        if (!_values.ContainsKey(key)) _keys.Add(key);
        _values[key] = value;
    }

    public void Remove(string key)
    {
        if (_values != null && _values.Remove(key)) _keys!.Remove(key);
    }

    public OrderedMap Copy()
    {
        var copy = new OrderedMap();
        if (_keys != null) foreach (var k in _keys) copy.Set(k, _values![k]);
        return copy;
    }

    /// <summary>Keys in JS `for...in` order: array-index keys ascending, then the rest in insertion order.</summary>
    public List<string> KeysInObjectOrder()
    {
        if (_keys == null || _keys.Count == 0) return NoKeys;
        var indices = new List<(uint Index, string Key)>();
        var others = new List<string>();
        foreach (var k in _keys)
        {
            if (JsObjectKeys.IsArrayIndex(k, out var idx)) indices.Add((idx, k));
            else others.Add(k);
        }
        if (indices.Count == 0) return others;
        indices.Sort((a, b) => a.Index.CompareTo(b.Index));
        var result = new List<string>(_keys.Count);
        foreach (var (_, k) in indices) result.Add(k);
        result.AddRange(others);
        return result;
    }

    public Dictionary<string, object?> ToDictionary()
    {
        var d = new Dictionary<string, object?>();
        if (_keys != null) foreach (var k in _keys) d[k] = _values![k];
        return d;
    }
}
