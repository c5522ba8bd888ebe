using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DraftPad.Crdt.Protocols;

/// <summary>
/// An awareness state held as the exact text JS <c>JSON.stringify</c> produces for it, plus the
/// parsed value in the <see cref="JsJson"/> value model (doubles, strings, booleans, null,
/// <see cref="Dictionary{TKey,TValue}"/> objects, <see cref="List{T}"/> arrays). Immutable.
/// </summary>
internal sealed class JsonState
{
    public static readonly JsonState Null = new("null", null);

    private JsonState(string json, object? value)
    {
        Json = json;
        Value = value;
    }

    /// <summary>JSON.stringify(state).</summary>
    public string Json { get; }

    /// <summary>The state in the JsJson value model.</summary>
    public object? Value { get; }

    public bool IsNull => Value is null;

    /// <summary>
    /// JS truthiness: <c>false</c>, <c>0</c>, <c>-0</c>, <c>""</c> and null are falsy. y-protocols writes
    /// <c>states.get(client) || null</c>, so a falsy state goes on the wire as <c>null</c>.
    /// </summary>
    public bool IsTruthy => Value switch
    {
        null => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length != 0,
        _ => true,
    };

    /// <summary>JSON.parse then JSON.stringify, like a JS peer that receives and re-sends a state.</summary>
    /// <exception cref="YjsDecodeException">The text is not JSON.</exception>
    public static JsonState FromJson(string json)
    {
        var value = JsJson.Parse(json);
        if (value is null) return Null;
        string text;
        try
        {
            text = JsJson.Stringify(value) ?? "null";
        }
        catch (InvalidOperationException e)
        {
            throw new YjsDecodeException("Invalid JSON: " + e.Message, e);
        }
        // Re-parse only when the text changed, so the value's key order is the JS order.
        return new JsonState(text, text == json ? value : JsJson.Parse(text));
    }

    /// <summary>The JSON.stringify text of a JSON node (null = JSON null).</summary>
    public static JsonState FromNode(JsonNode? node)
    {
        if (node is null) return Null;
        var text = JsJson.Stringify(ToValue(node, 0)) ?? "null";
        return text == "null" ? Null : new JsonState(text, JsJson.Parse(text));
    }

    /// <summary>A fresh, detached <see cref="JsonNode"/> for the state (null for JSON null).</summary>
    public JsonNode? ToNode() => ToNode(Value);

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d => JsonValue.Create(d),
        Dictionary<string, object?> obj => ToObject(obj),
        List<object?> list => new JsonArray(list.Select(ToNode).ToArray()),
        _ => throw new InvalidOperationException($"Unexpected JSON value type {value.GetType()}."),
    };

    private static JsonObject ToObject(Dictionary<string, object?> obj)
    {
        var result = new JsonObject();
        foreach (var (key, v) in obj) result[key] = ToNode(v);
        return result;
    }

    private static object? ToValue(JsonNode? node, int depth)
    {
        if (node is null) return null;
        if (depth >= AnyEncoding.MaxReadDepth) throw new ArgumentException("The awareness state is nested too deeply.");
        switch (node)
        {
            case JsonObject obj:
                var dict = new Dictionary<string, object?>(obj.Count);
                foreach (var (key, v) in obj) dict[key] = ToValue(v, depth + 1);
                return dict;
            case JsonArray arr:
                var list = new List<object?>(arr.Count);
                foreach (var v in arr) list.Add(ToValue(v, depth + 1));
                return list;
        }
        var value = node.AsValue();
        switch (value.GetValueKind())
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String:
                // A JsonElement holding an escaped lone surrogate cannot be read as a string; parse its raw text instead.
                if (value.TryGetValue(out JsonElement element)) return JsJson.Parse(element.GetRawText());
                return value.TryGetValue(out string? s) ? s : JsJson.Parse(value.ToJsonString());
            case JsonValueKind.Number:
                if (value.TryGetValue(out double d)) return d;
                return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            default:
                throw new ArgumentException($"Unsupported JSON value kind {value.GetValueKind()} in an awareness state.");
        }
    }
}
