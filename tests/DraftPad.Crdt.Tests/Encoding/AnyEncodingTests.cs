using System.Numerics;
using DraftPad.Crdt.Encoding;
using Xunit;

namespace DraftPad.Crdt.Tests.Encoding;

public class AnyEncodingTests
{
    private static string Encode(object? value)
    {
        var w = new Lib0Writer();
        w.WriteAny(value);
        return Hex.Compact(w.AsSpan());
    }

    private static object? Decode(string hex) => new Lib0Reader(Hex.Parse(hex)).ReadAny();

    [Fact]
    public void Vector10_12()
    {
        object?[] values =
        [
            Undefined.Value, null, 5, 1.5, 0.1, new BigInteger(10), false, true, "é",
            new Dictionary<string, object?>(), new List<object?>(), new byte[] { 9 }, Math.Pow(2, 40), double.NaN, -0.0,
        ];
        var w = new Lib0Writer();
        foreach (object? v in values)
        {
            w.WriteAny(v);
        }
        const string expected = "7f7e7d057c3fc000007b3fb999999999999a7a000000000000000a797877" +
            "02c3a97600750074010" + "97c538000007b7ff80000000000007d40";
        Assert.Equal(expected, Hex.Compact(w.AsSpan()));

        var r = new Lib0Reader(w.ToArray());
        Assert.Same(Undefined.Value, r.ReadAny());
        Assert.Null(r.ReadAny());
        Assert.Equal(5.0, r.ReadAny());
        Assert.Equal(1.5, r.ReadAny());
        Assert.Equal(0.1, r.ReadAny());
        Assert.Equal(new BigInteger(10), r.ReadAny());
        Assert.Equal(false, r.ReadAny());
        Assert.Equal(true, r.ReadAny());
        Assert.Equal("é", r.ReadAny());
        Assert.Empty(Assert.IsType<Dictionary<string, object?>>(r.ReadAny()));
        Assert.Empty(Assert.IsType<List<object?>>(r.ReadAny()));
        Assert.Equal(new byte[] { 9 }, Assert.IsType<byte[]>(r.ReadAny()));
        Assert.Equal(Math.Pow(2, 40), r.ReadAny());
        Assert.True(double.IsNaN((double)r.ReadAny()!));
        double negZero = (double)r.ReadAny()!;
        Assert.True(negZero == 0 && double.IsNegative(negZero));
        Assert.False(r.HasContent);
    }

    [Fact]
    public void Vector10_8ArrayElements()
    {
        object?[] values =
        [
            1, -1, Math.Pow(2, 31), 0.5, 0.1, "x", true, null,
            new Dictionary<string, object?> { ["k"] = new List<object?> { 1 } },
        ];
        string hex = string.Concat(values.Select(Encode));
        Assert.Equal("7d017d417c4f0000007c3f0000007b3fb999999999999a77017878" + "7e7601016b75017d01", hex);
    }

    [Theory]
    [InlineData(2147483647.0, "7d bf ff ff ff 0f")]
    [InlineData(-2147483647.0, "7d ff ff ff ff 0f")]
    [InlineData(-2147483648.0, "7c cf 00 00 00")]
    [InlineData(double.PositiveInfinity, "7c 7f 80 00 00")]
    [InlineData(double.NegativeInfinity, "7c ff 80 00 00")]
    [InlineData(9007199254740993.0, "7c 5a 00 00 00")]
    [InlineData(4294967297.0, "7b 41 f0 00 00 00 10 00 00")]
    public void NumberTagSelection(double d, string hex)
    {
        Assert.Equal(hex.Replace(" ", "", StringComparison.Ordinal), Encode(d));
    }

    [Fact]
    public void ClrNumericTypesEncodeAsJsNumbers()
    {
        Assert.Equal("7d2a", Encode(42));
        Assert.Equal("7d2a", Encode(42L));
        Assert.Equal("7d2a", Encode(42u));
        Assert.Equal("7d2a", Encode(42UL));
        Assert.Equal("7d2a", Encode((short)42));
        Assert.Equal("7d2a", Encode((byte)42));
        Assert.Equal("7d6a", Encode((sbyte)-42));
        Assert.Equal("7d2a", Encode(42m));
        Assert.Equal("7d2a", Encode(42f));
        Assert.Equal("7c3fc00000", Encode(1.5f));
        Assert.Equal("7ccf000000", Encode(int.MinValue));
        Assert.Equal("7c4f000000", Encode(2147483648L));
        Assert.Equal("7b3fb999999999999a", Encode(0.1m));
        Assert.Equal("7a8000000000000000", Encode(new BigInteger(long.MinValue)));
        Assert.Equal("7affffffffffffffff", Encode(BigInteger.MinusOne));
        // BigInt64 storage wraps modulo 2^64 like DataView.setBigInt64.
        Assert.Equal("7a0000000000000000", Encode(BigInteger.One << 64));
    }

    [Fact]
    public void ContainersAndFallbacks()
    {
        Assert.Equal("7502" + "7d01" + "7701" + "61", Encode(new object[] { 1, "a" }));
        Assert.Equal("7502" + "7d01" + "7d02", Encode(new[] { 1, 2 }));
        Assert.Equal("7502" + "7d01" + "7d02", Encode(Enumerable.Range(1, 2)));
        Assert.Equal("740201 02".Replace(" ", "", StringComparison.Ordinal), Encode(new ReadOnlyMemory<byte>([1, 2])));
        Assert.Equal("7f", Encode(new object()));
        Assert.Equal("7f", Encode((Func<int>)(() => 1)));
        Assert.Equal("7601" + "0161" + "7d01", Encode(new Dictionary<string, int> { ["a"] = 1 }));
        Assert.Equal("7601" + "0161" + "7f", Encode(new Dictionary<string, object?> { ["a"] = Undefined.Value }));
    }

    [Fact]
    public void ObjectKeysInJsOrder()
    {
        var obj = new Dictionary<string, object?>
        {
            ["b"] = 1,
            ["10"] = 2,
            ["a"] = 3,
            ["2"] = 4,
            ["01"] = 5,
            ["4294967295"] = 6,
            ["4294967294"] = 7,
            ["-1"] = 8,
        };
        var w = new Lib0Writer();
        w.WriteAny(obj);
        var back = Assert.IsType<Dictionary<string, object?>>(new Lib0Reader(w.ToArray()).ReadAny());
        Assert.Equal(new[] { "2", "10", "4294967294", "b", "a", "01", "4294967295", "-1" }, back.Keys.ToArray());
        Assert.Equal("{\"2\":4,\"10\":2,\"4294967294\":7,\"b\":1,\"a\":3,\"01\":5,\"4294967295\":6,\"-1\":8}", JsJson.Stringify(obj));

        var sorted = new SortedList<string, object?> { ["z"] = 1, ["1"] = 2 };
        Assert.Equal("7602" + "0131" + "7d02" + "017a" + "7d01", Encode(sorted));
    }

    [Fact]
    public void DecodedObjectsKeepWireOrderAndDuplicatesOverwrite()
    {
        // {b:1, a:2, b:3} on the wire -> b keeps its first position, takes the last value.
        var obj = Assert.IsType<Dictionary<string, object?>>(Decode("7603 0162 7d01 0161 7d02 0162 7d03"));
        Assert.Equal(new[] { "b", "a" }, obj.Keys.ToArray());
        Assert.Equal(3.0, obj["b"]);
    }

    [Fact]
    public void VarIntTagAcceptsLargeIntegers()
    {
        Assert.Equal(9007199254740991.0, Decode("7d bf ff ff ff ff ff ff 1f"));
        Assert.Equal(-64.0, Decode("7d c0 01"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("73")]
    [InlineData("80")]
    [InlineData("7d")]
    [InlineData("7c 00 00")]
    [InlineData("7b 00")]
    [InlineData("7a 00")]
    [InlineData("77 05 61")]
    [InlineData("76 05 01 61")]
    [InlineData("76 ff ff ff ff 0f")]
    [InlineData("75 ff ff ff ff ff ff ff 0f")]
    [InlineData("75 02 7d 01")]
    [InlineData("74 02 01")]
    public void MalformedAnyThrowsDecodeException(string hex)
    {
        Assert.Throws<YjsDecodeException>(() => Decode(hex));
    }

    [Fact]
    public void DeepNestingIsRejectedNotStackOverflow()
    {
        byte[] deep = new byte[100000];
        for (int i = 0; i < deep.Length; i += 2)
        {
            deep[i] = 0x75;
            deep[i + 1] = 0x01;
        }
        Assert.Throws<YjsDecodeException>(() => new Lib0Reader(deep).ReadAny());

        var nested = new List<object?>();
        var cur = nested;
        for (int i = 0; i < 100; i++)
        {
            var next = new List<object?>();
            cur.Add(next);
            cur = next;
        }
        var w = new Lib0Writer();
        w.WriteAny(nested);
        Assert.True(AnyEncoding.AnyEquals(nested, new Lib0Reader(w.ToArray()).ReadAny()));

        var cyclic = new List<object?>();
        cyclic.Add(cyclic);
        Assert.Throws<InvalidOperationException>(() => new Lib0Writer().WriteAny(cyclic));
    }

    [Fact]
    public void RoundTripNestedStructures()
    {
        var value = new Dictionary<string, object?>
        {
            ["s"] = "x",
            ["n"] = -12.25,
            ["arr"] = new List<object?> { null, Undefined.Value, true, new byte[] { 1, 2, 3 }, new Dictionary<string, object?>() },
            ["big"] = new BigInteger(-5),
        };
        var w = new Lib0Writer();
        w.WriteAny(value);
        object? back = new Lib0Reader(w.ToArray()).ReadAny();
        Assert.True(AnyEncoding.AnyEquals(value, back));
        var w2 = new Lib0Writer();
        w2.WriteAny(back);
        Assert.Equal(Hex.Compact(w.AsSpan()), Hex.Compact(w2.AsSpan()));
    }

    [Fact]
    public void AnyEqualsIsDeep()
    {
        Assert.True(AnyEncoding.AnyEquals(1, 1.0));
        Assert.True(AnyEncoding.AnyEquals(0.0, -0.0));
        Assert.False(AnyEncoding.AnyEquals(double.NaN, double.NaN));
        Assert.False(AnyEncoding.AnyEquals(null, Undefined.Value));
        Assert.True(AnyEncoding.AnyEquals(null, null));
        Assert.False(AnyEncoding.AnyEquals("1", 1));
        Assert.False(AnyEncoding.AnyEquals(new BigInteger(1), 1));
        Assert.True(AnyEncoding.AnyEquals(new byte[] { 1, 2 }, new byte[] { 1, 2 }));
        Assert.False(AnyEncoding.AnyEquals(new byte[] { 1, 2 }, new byte[] { 1, 3 }));
        var a = new Dictionary<string, object?> { ["x"] = new List<object?> { 1.0, "a" }, ["y"] = true };
        var b = new Dictionary<string, object?> { ["y"] = true, ["x"] = new List<object?> { 1, "a" } };
        Assert.True(AnyEncoding.AnyEquals(a, b));
        b["y"] = false;
        Assert.False(AnyEncoding.AnyEquals(a, b));
        Assert.False(AnyEncoding.AnyEquals(new List<object?>(), new Dictionary<string, object?>()));
    }

    [Fact]
    public void AttrEqualsIsYjsEqualAttrs()
    {
        Assert.True(AnyEncoding.AttrEquals(true, true));
        Assert.True(AnyEncoding.AttrEquals("a", "a"));
        Assert.False(AnyEncoding.AttrEquals(null, Undefined.Value));
        Assert.True(AnyEncoding.AttrEquals(null, null));
        var flat1 = new Dictionary<string, object?> { ["a"] = 1.0, ["b"] = "x" };
        var flat2 = new Dictionary<string, object?> { ["b"] = "x", ["a"] = 1.0 };
        Assert.True(AnyEncoding.AttrEquals(flat1, flat2));
        // Nested objects compare by reference, as JS === does.
        var n1 = new Dictionary<string, object?> { ["a"] = new Dictionary<string, object?>() };
        var n2 = new Dictionary<string, object?> { ["a"] = new Dictionary<string, object?>() };
        Assert.False(AnyEncoding.AttrEquals(n1, n2));
        Assert.True(AnyEncoding.AnyEquals(n1, n2));
        Assert.True(AnyEncoding.AttrEquals(new List<object?> { 1.0, "a" }, new List<object?> { 1.0, "a" }));
        Assert.False(AnyEncoding.AttrEquals(double.NaN, double.NaN));
    }
}
