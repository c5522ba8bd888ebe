using System.Numerics;
using DraftPad.Crdt.Encoding;
using Xunit;

namespace DraftPad.Crdt.Tests.Encoding;

public class JsJsonTests
{
    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000015, "0.0000015")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(-0.0, "0")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(-5e-324, "-5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(42.0, "42")]
    [InlineData(-42.5, "-42.5")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(9007199254740993.0, "9007199254740992")]
    [InlineData(1e16, "10000000000000000")]
    [InlineData(1.2345e25, "1.2345e+25")]
    [InlineData(100.0, "100")]
    [InlineData(123.456, "123.456")]
    [InlineData(0.5, "0.5")]
    [InlineData(2e-6, "0.000002")]
    public void NumbersFormatLikeJs(double value, string expected)
    {
        Assert.Equal(expected, JsJson.NumberToString(value));
        Assert.Equal(expected, JsJson.Stringify(value));
    }

    [Fact]
    public void NonFiniteNumbers()
    {
        Assert.Equal("null", JsJson.Stringify(double.NaN));
        Assert.Equal("null", JsJson.Stringify(double.PositiveInfinity));
        Assert.Equal("[null,null]", JsJson.Stringify(new List<object?> { double.NaN, float.NegativeInfinity }));
        Assert.Equal("NaN", JsJson.NumberToString(double.NaN));
        Assert.Equal("-Infinity", JsJson.NumberToString(double.NegativeInfinity));
    }

    [Fact]
    public void StringEscaping()
    {
        Assert.Equal("\"a\\\"b\\\\c\"", JsJson.Stringify("a\"b\\c"));
        Assert.Equal("\"\\b\\f\\n\\r\\t\"", JsJson.Stringify("\b\f\n\r\t"));
        Assert.Equal("\"\\u0000\\u001f\\u000b\"", JsJson.Stringify("\u0000\u001f\u000b"));
        Assert.Equal("\"/é\u007f\u2028\"", JsJson.Stringify("/é\u007f\u2028"));
        Assert.Equal("\"😀\"", JsJson.Stringify("😀"));
        Assert.Equal("\"\\ud83d x \\ude00\"", JsJson.Stringify("\ud83d x \ude00"));
        Assert.Equal("\"\\udc00\\ud800\"", JsJson.Stringify("\udc00\ud800"));
        Assert.Equal("{\"k\\n\":1}", JsJson.Stringify(new Dictionary<string, object?> { ["k\n"] = 1 }));
    }

    [Fact]
    public void UndefinedHandling()
    {
        Assert.Null(JsJson.Stringify(Undefined.Value));
        Assert.Null(JsJson.Stringify(new object()));
        Assert.Equal("null", JsJson.Stringify(null));
        Assert.Equal("[null,null,1]", JsJson.Stringify(new List<object?> { Undefined.Value, new object(), 1 }));
        var obj = new Dictionary<string, object?> { ["a"] = Undefined.Value, ["b"] = 1, ["c"] = Undefined.Value, ["d"] = null };
        Assert.Equal("{\"b\":1,\"d\":null}", JsJson.Stringify(obj));
        Assert.Equal("{}", JsJson.Stringify(new Dictionary<string, object?> { ["a"] = Undefined.Value }));
    }

    [Fact]
    public void ContainersAndBytes()
    {
        Assert.Equal("{\"image\":\"x.png\"}", JsJson.Stringify(new Dictionary<string, object?> { ["image"] = "x.png" }));
        Assert.Equal("{\"0\":1,\"1\":2}", JsJson.Stringify(new byte[] { 1, 2 }));
        Assert.Equal("{}", JsJson.Stringify(Array.Empty<byte>()));
        Assert.Equal("[]", JsJson.Stringify(new List<object?>()));
        Assert.Equal("[1,\"a\",true,false,null,{\"x\":[]}]", JsJson.Stringify(new object?[] { 1, "a", true, false, null, new Dictionary<string, object?> { ["x"] = new int[0] } }));
        Assert.Throws<NotSupportedException>(() => JsJson.Stringify(new BigInteger(1)));
        Assert.Throws<NotSupportedException>(() => JsJson.Stringify(new List<object?> { new BigInteger(1) }));
    }

    [Fact]
    public void ParseProducesAnyModel()
    {
        var v = Assert.IsType<Dictionary<string, object?>>(JsJson.Parse(" {\"a\" : [1, -0, 2.5e3, \"x\\u00e9\\n\\/\", true, false, null, {}], \"b\":{\"c\":\"\\ud83d\"}} "));
        var a = Assert.IsType<List<object?>>(v["a"]);
        Assert.Equal(1.0, a[0]);
        Assert.True(double.IsNegative((double)a[1]!));
        Assert.Equal(2500.0, a[2]);
        Assert.Equal("xé\n/", a[3]);
        Assert.Equal(true, a[4]);
        Assert.Equal(false, a[5]);
        Assert.Null(a[6]);
        Assert.Empty(Assert.IsType<Dictionary<string, object?>>(a[7]));
        Assert.Equal("\ud83d", Assert.IsType<Dictionary<string, object?>>(v["b"])["c"]);
        Assert.Equal(double.PositiveInfinity, JsJson.Parse("1e400"));
        Assert.Equal("😀", JsJson.Parse("\"\\uD83D\\uDE00\""));
    }

    [Fact]
    public void ParseDuplicateKeysLastWinsFirstPosition()
    {
        var v = Assert.IsType<Dictionary<string, object?>>(JsJson.Parse("{\"b\":1,\"a\":2,\"b\":3}"));
        Assert.Equal(new[] { "b", "a" }, v.Keys.ToArray());
        Assert.Equal(3.0, v["b"]);
        Assert.Equal("{\"b\":3,\"a\":2}", JsJson.Stringify(v));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("undefined")]
    [InlineData("{")]
    [InlineData("[1,]")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{a:1}")]
    [InlineData("01")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("+1")]
    [InlineData("1e")]
    [InlineData("-")]
    [InlineData("NaN")]
    [InlineData("'a'")]
    [InlineData("\"a")]
    [InlineData("\"\\x\"")]
    [InlineData("\"\\u12\"")]
    [InlineData("\"a\nb\"")]
    [InlineData("tru")]
    [InlineData("nul")]
    [InlineData("1 2")]
    [InlineData("\u00a01")]
    public void ParseRejectsMalformed(string json)
    {
        Assert.Throws<YjsDecodeException>(() => JsJson.Parse(json));
    }

    [Fact]
    public void ParseDepthLimited()
    {
        string deep = new string('[', 100000) + new string(']', 100000);
        Assert.Throws<YjsDecodeException>(() => JsJson.Parse(deep));
        string ok = new string('[', 100) + new string(']', 100);
        Assert.Equal(ok, JsJson.Stringify(JsJson.Parse(ok)));
    }

    [Fact]
    public void RoundTripsAwarenessState()
    {
        const string json = "{\"user\":{\"name\":\"a\",\"color\":\"#ff0\",\"n\":1.5,\"tags\":[\"x\",null]}}";
        Assert.Equal(json, JsJson.Stringify(JsJson.Parse(json)));
    }
}
