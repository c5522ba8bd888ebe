namespace DraftPad.Crdt;

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

    /// <summary>The value, or null when absent or undefined (JS `map.get(key) ?? null`).</summary>
    public object? GetOrNull(string key) => TryGetValue(key, out var v) && v is not Undefined ? v : null;

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
