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
}
