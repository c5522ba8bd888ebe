using System.Numerics;
using DraftPad.Crdt.Encoding;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DraftPad.Crdt.Tests.Interop;

/// <summary>
/// Renders DraftPad content in the canonical JSON form of tests/interop/canonical.mjs, so it can be
/// compared structurally with what real yjs renders for the same document.
/// </summary>
internal static class Canonical
{
    public static JsonNode? Root(YDoc doc, string name, string kind) => kind switch
    {
        "text" => new JsonObject { ["delta"] = Delta(doc.GetText(name)) },
        "map" => MapEntries(doc.GetMap(name)),
        "array" => new JsonArray(doc.GetArray(name).ToList().Select(Value).ToArray()),
        "xml" => XmlRoot(doc.GetXmlFragment(name)),
        _ => throw new ArgumentException(kind),
    };

    /// <summary>An XmlFragment root: <c>{"string": toString(), "children": [...]}</c>.</summary>
    private static JsonObject XmlRoot(YXmlFragment fragment) => new()
    {
        ["string"] = fragment.ToString(),
        ["children"] = Children(fragment),
    };

    private static JsonArray Children(YXmlFragment fragment) => new(fragment.Children.Select(c => Value(c)).ToArray());

    public static JsonArray Delta(YText text)
    {
        var result = new JsonArray();
        foreach (var op in text.ToDelta())
        {
            var o = new JsonObject();
            if (op.Attributes is { Count: > 0 } attrs) o["attributes"] = Object(attrs);
            o["insert"] = op.Insert is string s ? JsonValue.Create(s) : Value(op.Insert);
            result.Add(o);
        }
        return result;
    }

    private static JsonObject MapEntries(YMap map) => MapEntries(map.Branch);

    /// <summary>The live entries of any type's map part (YMap, XmlHook), keys sorted.</summary>
    private static JsonObject MapEntries(Branch branch)
    {
        var o = new JsonObject();
        foreach (var key in MapOps.Keys(branch).Order(StringComparer.Ordinal)) o[key] = Value(MapOps.Get(branch, key));
        return o;
    }

    private static JsonObject Object(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        var o = new JsonObject();
        foreach (var (k, v) in entries.OrderBy(e => e.Key, StringComparer.Ordinal)) o[k] = Value(v);
        return o;
    }

    public static JsonNode? Value(object? v) => v switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        double d when double.IsNaN(d) => new JsonObject { ["$number"] = "NaN" },
        double d when double.IsPositiveInfinity(d) => new JsonObject { ["$number"] = "Infinity" },
        double d when double.IsNegativeInfinity(d) => new JsonObject { ["$number"] = "-Infinity" },
        double d when d == 0 && double.IsNegative(d) => new JsonObject { ["$number"] = "-0" },
        double d => JsonValue.Create(d),
        BigInteger bi => new JsonObject { ["$bigint"] = bi.ToString() },
        Undefined => new JsonObject { ["$undefined"] = true },
        byte[] bytes => new JsonObject { ["$bytes"] = Convert.ToBase64String(bytes) },
        YXmlText xt => new JsonObject { ["$xmlText"] = Delta(xt) },
        YText t => new JsonObject { ["$text"] = Delta(t) },
        YMap m => new JsonObject { ["$map"] = MapEntries(m) },
        YArray a => new JsonObject { ["$array"] = new JsonArray(a.ToList().Select(Value).ToArray()) },
        YXmlHook h => new JsonObject { ["$xmlHook"] = new JsonObject { ["name"] = h.HookName, ["map"] = MapEntries(h.Branch) } },
        YXmlElement e => new JsonObject
        {
            ["$xmlElement"] = new JsonObject
            {
                ["name"] = e.NodeName,
                ["attrs"] = Object(e.GetAttributes()),
                ["children"] = Children(e),
            },
        },
        YXmlFragment f => new JsonObject { ["$xmlFragment"] = Children(f) },
        YSubdocReference sd => new JsonObject { ["$doc"] = new JsonObject { ["guid"] = sd.Guid } },
        IReadOnlyDictionary<string, object?> dict => Object(dict),
        IEnumerable<object?> list => new JsonArray(list.Select(Value).ToArray()),
        _ => throw new ArgumentException($"Cannot render {v.GetType()}"),
    };

    /// <summary>
    /// The string of a JSON string node. Parsed JSON may hold lone surrogates as <c>\udXXX</c> escapes (JS
    /// JSON.stringify writes them so), which System.Text.Json refuses to unescape; those are decoded here.
    /// </summary>
    public static string StringValue(JsonNode node)
    {
        if (node is JsonValue v && v.TryGetValue<JsonElement>(out var element))
        {
            // JsJson parses like JSON.parse, lone-surrogate escapes included.
            return (string)JsJson.Parse(element.GetRawText())!;
        }
        return node.GetValue<string>();
    }

    /// <summary>Structural equality: objects by key, arrays in order, numbers by value.</summary>
    public static bool Equal(JsonNode? a, JsonNode? b)
    {
        if (a == null || b == null) return a == null && b == null;
        var ka = a.GetValueKind();
        var kb = b.GetValueKind();
        if (ka != kb) return false;
        switch (ka)
        {
            case JsonValueKind.Object:
                {
                    var oa = a.AsObject();
                    var ob = b.AsObject();
                    if (oa.Count != ob.Count) return false;
                    foreach (var (k, v) in oa)
                    {
                        if (!ob.TryGetPropertyValue(k, out var w) || !Equal(v, w)) return false;
                    }
                    return true;
                }
            case JsonValueKind.Array:
                {
                    var xa = a.AsArray();
                    var xb = b.AsArray();
                    if (xa.Count != xb.Count) return false;
                    for (var i = 0; i < xa.Count; i++) if (!Equal(xa[i], xb[i])) return false;
                    return true;
                }
            case JsonValueKind.Number:
                return a.GetValue<double>() == b.GetValue<double>();
            case JsonValueKind.String:
                return string.Equals(StringValue(a), StringValue(b), StringComparison.Ordinal);
            default:
                return true; // true/false/null: same kind is the same value
        }
    }
}
