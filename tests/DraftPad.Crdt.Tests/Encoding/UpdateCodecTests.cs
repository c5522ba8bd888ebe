using DraftPad.Crdt.Encoding;
using Xunit;
using Xunit.Abstractions;

namespace DraftPad.Crdt.Tests.Encoding;

public class UpdateCodecTests
{
    private readonly ITestOutputHelper _output;

    public UpdateCodecTests(ITestOutputHelper output) => _output = output;

    private static readonly (ulong, (long, long)[])[] NoDs = [];

    // Spec section 10 vectors, as struct lists; V2 hex is null where the spec gives none.
    internal static readonly (string Name, TUpdate Update, string V1, string? V2, string Dump)[] Vectors =
    [
        ("10.1 insert ab",
            new TUpdate([new TGroup(1, 0, [new TItem(4, "ab", ParentRoot: "t")])], NoDs),
            "01 01 01 00 04 01 01 74 02 61 62 00",
            "00 00 01 01 00 00 01 04 06 03 74 61 62 01 02 01 01 00 00 01 01 00 00",
            "group 1 @0\n item 04 root=t string ab\n"),
        ("10.2 insert X",
            new TUpdate([new TGroup(1, 2, [new TItem(4, "X", Origin: new ID(1, 0), Right: new ID(1, 1))])], NoDs),
            "01 01 01 02 c4 01 00 01 01 01 58 00",
            null,
            "group 1 @2\n item c4 origin=(1,0) right=(1,1) string X\n"),
        ("10.3 delete only",
            new TUpdate([], [(1UL, [(0L, 1L)])]),
            "00 01 01 01 00 01",
            "00 00 00 00 00 00 01 00 00 00 00 00 01 01 01 00 00",
            "ds 1: [0,1]\n"),
        ("10.4 full state",
            new TUpdate(
                [new TGroup(1, 0, [
                    new TItem(1, 1L, ParentRoot: "t"),
                    new TItem(4, "b", Origin: new ID(1, 0)),
                    new TItem(4, "X", Origin: new ID(1, 0), Right: new ID(1, 1)),
                ])],
                [(1UL, [(0L, 1L)])]),
            "01 03 01 00 01 01 01 74 01 84 01 00 01 62 c4 01 00 01 01 01 58 01 01 01 00 01",
            "00 00 02 41 02 02 01 00 01 02 05 01 00 84 00 c4 06 03 74 62 58 41 01 01 01 00 01 01 01 03 00 01 01 01 00 00",
            "group 1 @0\n item 01 root=t deleted 1\n item 84 origin=(1,0) string b\n item c4 origin=(1,0) right=(1,1) string X\nds 1: [0,1]\n"),
        ("10.5 map set",
            new TUpdate([new TGroup(1, 3, [new TItem(8, new object?[] { 42 }, ParentRoot: "m", ParentSub: "k")])], NoDs),
            "01 01 01 03 28 01 01 6d 01 6b 01 7d 2a 00",
            null,
            "group 1 @3\n item 28 root=m sub=k any 42\n"),
        ("10.5 map overwrite",
            new TUpdate([new TGroup(1, 4, [new TItem(8, new object?[] { "v" }, Origin: new ID(1, 3), ParentSub: "k")])], [(1UL, [(3L, 1L)])]),
            "01 01 01 04 a8 01 03 01 77 01 76 01 01 01 03 01",
            null,
            "group 1 @4\n item a8 origin=(1,3) any \"v\"\nds 1: [3,1]\n"),
        ("10.6 formatted text",
            new TUpdate([new TGroup(2, 0, [
                new TItem(6, ("bold", (object?)true), ParentRoot: "t"),
                new TItem(4, "hi", Origin: new ID(2, 0)),
                new TItem(6, ("bold", (object?)null), Origin: new ID(2, 2)),
            ])], NoDs),
            "01 03 02 00 06 01 01 74 04 62 6f 6c 64 04 74 72 75 65 84 02 00 02 68 69 86 02 02 04 62 6f 6c 64 04 6e 75 6c 6c 00",
            null,
            "group 2 @0\n item 06 root=t format bold=true\n item 84 origin=(2,0) string hi\n item 86 origin=(2,2) format bold=null\n"),
        ("10.7 embed",
            new TUpdate([new TGroup(2, 4, [new TItem(5, new Dictionary<string, object?> { ["image"] = "x.png" }, Origin: new ID(2, 3))])], NoDs),
            "01 01 02 04 85 02 03 11 7b 22 69 6d 61 67 65 22 3a 22 78 2e 70 6e 67 22 7d 00",
            null,
            "group 2 @4\n item 85 origin=(2,3) embed {\"image\":\"x.png\"}\n"),
        ("10.8 array any + binary",
            new TUpdate([new TGroup(2, 5, [
                new TItem(8, new object?[] { 1, -1, Math.Pow(2, 31), 0.5, 0.1, "x", true, null, new Dictionary<string, object?> { ["k"] = new List<object?> { 1 } } }, ParentRoot: "a"),
                new TItem(3, new byte[] { 1, 2 }, Origin: new ID(2, 13)),
            ])], NoDs),
            "01 02 02 05 08 01 01 61 09 7d 01 7d 41 7c 4f 00 00 00 7c 3f 00 00 00 7b 3f b9 99 99 99 99 99 9a 77 01 78 78 7e 76 01 01 6b 75 01 7d 01 83 02 0d 02 01 02 00",
            null,
            "group 2 @5\n item 08 root=a any 1 -1 2147483648 0.5 0.1 \"x\" true null {\"k\":[1]}\n item 83 origin=(2,13) binary 0102\n"),
        ("10.9 nested type",
            new TUpdate([new TGroup(3, 0, [
                new TItem(7, (2, (string?)null), ParentRoot: "root", ParentSub: "child"),
                new TItem(4, "z", ParentId: new ID(3, 0)),
            ])], NoDs),
            "01 02 03 00 27 01 04 72 6f 6f 74 05 63 68 69 6c 64 02 04 00 03 00 01 7a 00",
            null,
            "group 3 @0\n item 27 root=root sub=child type 2\n item 04 parent=(3,0) string z\n"),
        ("10.10 gc",
            new TUpdate([new TGroup(5, 0, [
                new TItem(4, "a", ParentRoot: "t"),
                new TItem(1, 1L, Origin: new ID(5, 0)),
                new TItem(4, "c", Origin: new ID(5, 1)),
            ])], [(5UL, [(1L, 1L)])]),
            "01 03 05 00 04 01 01 74 01 61 81 05 00 01 84 05 01 01 63 01 05 01 01 01",
            null,
            "group 5 @0\n item 04 root=t string a\n item 81 origin=(5,0) deleted 1\n item 84 origin=(5,1) string c\nds 5: [1,1]\n"),
        ("10.10 gc struct",
            new TUpdate([new TGroup(4, 0, [new TItem(1, 1L, ParentRoot: "a"), new TGc(1)])], [(4UL, [(0L, 2L)])]),
            "01 02 04 00 01 01 01 61 01 00 01 01 04 01 00 02",
            null,
            "group 4 @0\n item 01 root=a deleted 1\n gc 1\nds 4: [0,2]\n"),
        ("10.13 skip",
            new TUpdate([new TGroup(1, 0, [
                new TItem(4, "ab", ParentRoot: "t"),
                new TSkip(1),
                new TItem(4, "d", Origin: new ID(1, 2)),
            ])], NoDs),
            "01 03 01 00 04 01 01 74 02 61 62 0a 01 84 01 02 01 64 00",
            "00 00 02 41 00 01 04 00 05 04 00 0a 00 84 08 04 74 61 62 64 01 02 01 01 01 00 00 01 03 00 01 00",
            "group 1 @0\n item 04 root=t string ab\n skip 1\n item 84 origin=(1,2) string d\n"),
    ];

    public static IEnumerable<object[]> VectorNames() => Vectors.Select(v => new object[] { v.Name });

    private static (string Name, TUpdate Update, string V1, string? V2, string Dump) Get(string name) =>
        Vectors.Single(v => v.Name == name);

    private static string Compact(string hex) => hex.Replace(" ", "", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void V1EncodesSpecBytesAndDecodesBack(string name)
    {
        var v = Get(name);
        byte[] bytes = UpdateModel.Encode(v.Update, v2: false);
        Assert.Equal(Compact(v.V1), Hex.Compact(bytes));
        Assert.Equal(v.Dump, UpdateModel.Dump(bytes, v2: false));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void V2EncodesSpecBytesAndDecodesToSameContent(string name)
    {
        var v = Get(name);
        byte[] bytes = UpdateModel.Encode(v.Update, v2: true);
        if (v.V2 is not null)
        {
            Assert.Equal(Compact(v.V2), Hex.Compact(bytes));
        }
        Assert.Equal(v.Dump, UpdateModel.Dump(bytes, v2: true));
        // ToArray must not disturb the encoder: a second call gives the same bytes.
        var enc = new UpdateEncoderV2();
        UpdateModel.Write(enc, v.Update);
        Assert.Equal(Hex.Compact(enc.ToArray()), Hex.Compact(enc.ToArray()));
    }

    [Fact]
    public void EmptyUpdates()
    {
        var empty = new TUpdate([], NoDs);
        Assert.Equal("0000", Hex.Compact(UpdateModel.Encode(empty, false)));
        Assert.Equal("00000000000001000000000000", Hex.Compact(UpdateModel.Encode(empty, true)));
        Assert.Equal("", UpdateModel.Dump(Hex.Parse("0000"), false));
    }

    [Fact]
    public void AllContentKindsRoundTripInBothFormats()
    {
        var u = new TUpdate(
            [
                new TGroup(4000000000, 10, [
                    new TItem(2, new[] { "{\"a\":1}", "undefined", "[1,2]" }, ParentRoot: "legacy"),
                    new TItem(7, (3, (string?)"paragraph"), Origin: new ID(4000000000, 12)),
                    new TItem(7, (3, (string?)"paragraph"), Origin: new ID(4000000000, 13)),
                    new TItem(7, (5, (string?)"hook"), Origin: new ID(4000000000, 14)),
                    new TItem(9, ("guid-1", (object?)new Dictionary<string, object?> { ["gc"] = false }), Origin: new ID(4000000000, 15)),
                    new TItem(6, ("color", (object?)new Dictionary<string, object?> { ["r"] = 1.5, ["n"] = null }), ParentId: new ID(7, 3)),
                    new TItem(5, (object?)"plain-string-embed", Right: new ID(7, 9)),
                    new TItem(6, ("u", (object?)Undefined.Value), Right: new ID(7, 9)),
                    new TGc(5),
                    new TGc(5),
                    new TItem(1, 3L, Origin: new ID(1, 1), Right: new ID(1, 0)),
                ]),
                new TGroup(2, 0, [new TItem(8, new object?[] { Undefined.Value, -0.0, "é" }, ParentRoot: "a", ParentSub: "k")]),
            ],
            [(4000000000UL, [(0L, 3L), (10L, 1L), (20L, 100L)]), (2UL, [(5L, 5L)])]);
        string d1 = UpdateModel.Dump(UpdateModel.Encode(u, false), false);
        string d2 = UpdateModel.Dump(UpdateModel.Encode(u, true), true);
        _output.WriteLine(d1);
        Assert.Equal(d1, d2);
        Assert.Contains("item 28 root=a sub=k any undefined 0 \"é\"", d1, StringComparison.Ordinal);
        Assert.Contains("ds 4000000000: [0,3] [10,1] [20,100]", d1, StringComparison.Ordinal);
        Assert.Contains("type 3 paragraph", d2, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitSurrogatePairsAcrossStrings()
    {
        var u = new TUpdate([new TGroup(1, 0, [
            new TItem(4, "\ud83d", ParentRoot: "t"),
            new TItem(4, "\ude00", Origin: new ID(1, 0)),
        ])], NoDs);
        // V1 encodes each string on its own: both halves become U+FFFD.
        Assert.Equal("group 1 @0\n item 04 root=t string \ufffd\n item 84 origin=(1,0) string \ufffd\n", UpdateModel.Dump(UpdateModel.Encode(u, false), false));
        // V2 (like lib0) joins the column before UTF-8 encoding, so the halves form a valid pair on the wire and survive.
        byte[] v2 = UpdateModel.Encode(u, true);
        Assert.Contains("080574f09f98804101", Hex.Compact(v2), StringComparison.Ordinal);
        Assert.Equal("group 1 @0\n item 04 root=t string \ud83d\n item 84 origin=(1,0) string \ude00\n", UpdateModel.Dump(v2, true));
    }

    [Fact]
    public void V2ReaderHonoursKeyReuse()
    {
        // keyClock column [0, 0]: the second read reuses key 0 without consuming the string column.
        var w = new Lib0Writer();
        w.WriteUInt8(0);
        var keyClock = new Lib0Writer();
        keyClock.WriteVarInt(1); // diff 0, run of 2
        keyClock.WriteVarUint(0);
        w.WriteVarUint8Array(keyClock.AsSpan());
        for (int i = 0; i < 4; i++)
        {
            w.WriteVarUint8Array([]);
        }
        w.WriteVarUint8Array(Hex.Parse("02 6b 78 01 01"));
        for (int i = 0; i < 3; i++)
        {
            w.WriteVarUint8Array([]);
        }
        var d = new UpdateDecoderV2(new Lib0Reader(w.ToArray()));
        Assert.Equal("k", d.ReadKey());
        Assert.Equal("k", d.ReadKey());
        Assert.Equal("x", d.ReadString());
        Assert.Throws<YjsDecodeException>(() => d.ReadString());
        Assert.Throws<YjsDecodeException>(() => d.ReadClient());
        Assert.Throws<YjsDecodeException>(() => d.ReadInfo());
        Assert.Throws<YjsDecodeException>(() => d.ReadLeftId());
    }

    [Fact]
    public void ColumnEncodersMatchLib0()
    {
        Assert.Equal("0102020003", RleBytes(1, 1, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3));
        Assert.Equal("", RleBytesNoRead());
        Assert.Equal("07", RleBytes(7));

        Assert.Equal("00", UintBytes(0));
        Assert.Equal("4000", UintBytes(0, 0));
        Assert.Equal("01024301", UintBytes(1, 2, 3, 3, 3));
        Assert.Equal("4100" + "02", UintBytes(1, 1, 2));

        Assert.Equal("00", IntDiffBytes(0));
        Assert.Equal("0101", IntDiffBytes(0, 0, 0));
        Assert.Equal("0300", IntDiffBytes(1, 2));
        Assert.Equal("02" + "42", IntDiffBytes(1, 0));
        Assert.Equal("02" + "41" + "00", IntDiffBytes(1, 0, -1));
    }

    private static string RleBytes(params byte[] values)
    {
        var e = new RleEncoder();
        foreach (byte v in values)
        {
            e.Write(v);
        }
        var w = new Lib0Writer();
        e.WriteColumnTo(w);
        var r = new Lib0Reader(w.ToArray()).ReadVarUint8ArrayReader();
        var d = new RleDecoder(r);
        foreach (byte v in values)
        {
            Assert.Equal(v, d.Read());
        }
        Assert.Equal(values[^1], d.Read());
        Assert.Equal(values[^1], d.Read());
        return Hex.Compact(w.AsSpan()[1..]);
    }

    private static string RleBytesNoRead()
    {
        var w = new Lib0Writer();
        new RleEncoder().WriteColumnTo(w);
        Assert.Throws<YjsDecodeException>(() => new RleDecoder(new Lib0Reader(w.ToArray()).ReadVarUint8ArrayReader()).Read());
        return Hex.Compact(w.AsSpan()[1..]);
    }

    private static string UintBytes(params ulong[] values)
    {
        var e = new UintOptRleEncoder();
        foreach (ulong v in values)
        {
            e.Write(v);
        }
        var w = new Lib0Writer();
        e.WriteColumnTo(w);
        var d = new UintOptRleDecoder(new Lib0Reader(w.ToArray()).ReadVarUint8ArrayReader());
        foreach (ulong v in values)
        {
            Assert.Equal((long)v, d.Read());
        }
        Assert.Throws<YjsDecodeException>(() => d.Read());
        return Hex.Compact(w.AsSpan()[1..]);
    }

    private static string IntDiffBytes(params long[] values)
    {
        var e = new IntDiffOptRleEncoder();
        foreach (long v in values)
        {
            e.Write(v);
        }
        var w = new Lib0Writer();
        e.WriteColumnTo(w);
        var d = new IntDiffOptRleDecoder(new Lib0Reader(w.ToArray()).ReadVarUint8ArrayReader());
        foreach (long v in values)
        {
            Assert.Equal(v, d.Read());
        }
        Assert.Throws<YjsDecodeException>(() => d.Read());
        return Hex.Compact(w.AsSpan()[1..]);
    }

    [Fact]
    public void DeleteSetEncodersV1AndV2()
    {
        var v1 = new DSEncoderV1();
        var v2 = new DSEncoderV2();
        foreach (IDSEncoder e in new IDSEncoder[] { v1, v2 })
        {
            e.RestWriter.WriteVarUint(1);
            e.ResetDsCurVal();
            e.RestWriter.WriteVarUint(9);
            e.RestWriter.WriteVarUint(2);
            e.WriteDsClock(5);
            e.WriteDsLen(3);
            e.WriteDsClock(10);
            e.WriteDsLen(1);
        }
        Assert.Equal("0109020503" + "0a01", Hex.Compact(v1.ToArray()));
        Assert.Equal("0109020502" + "0200", Hex.Compact(v2.ToArray()));
        var d = new DSDecoderV2(new Lib0Reader(v2.ToArray()));
        Assert.Equal(1UL, d.RestReader.ReadVarUint());
        d.ResetDsCurVal();
        Assert.Equal(9UL, d.RestReader.ReadVarUint());
        Assert.Equal(2UL, d.RestReader.ReadVarUint());
        Assert.Equal(5, d.ReadDsClock());
        Assert.Equal(3, d.ReadDsLen());
        Assert.Equal(10, d.ReadDsClock());
        Assert.Equal(1, d.ReadDsLen());
    }

    [Fact]
    public void EveryTruncationThrowsOnlyDecodeException()
    {
        foreach (var v in Vectors)
        {
            foreach (bool v2 in new[] { false, true })
            {
                byte[] full = v2 ? UpdateModel.Encode(v.Update, true) : Hex.Parse(v.V1);
                for (int len = 0; len < full.Length; len++)
                {
                    AssertOnlyDecodeException(full[..len], v2, $"{v.Name} v2={v2} len={len}");
                }
            }
        }
    }

    [Fact]
    public void RandomAndMutatedInputsThrowOnlyDecodeException()
    {
        int seed = Environment.TickCount;
        _output.WriteLine($"seed {seed}");
        var rng = new Random(seed);
        for (int i = 0; i < 20000; i++)
        {
            byte[] data = new byte[rng.Next(0, 48)];
            rng.NextBytes(data);
            if (data.Length > 0 && rng.Next(2) == 0)
            {
                data[0] = (byte)rng.Next(0, 3);
            }
            AssertOnlyDecodeException(data, i % 2 == 0, $"seed {seed} random #{i}");
        }
        byte[][] bases = Vectors.SelectMany(v => new[] { Hex.Parse(v.V1), UpdateModel.Encode(v.Update, true) }).ToArray();
        for (int i = 0; i < 20000; i++)
        {
            int b = rng.Next(bases.Length);
            byte[] data = (byte[])bases[b].Clone();
            int flips = rng.Next(1, 4);
            for (int f = 0; f < flips; f++)
            {
                data[rng.Next(data.Length)] = (byte)rng.Next(256);
            }
            AssertOnlyDecodeException(data, b % 2 == 1, $"seed {seed} mutation #{i}");
        }
    }

    private static void AssertOnlyDecodeException(byte[] data, bool v2, string what)
    {
        try
        {
            UpdateModel.Dump(data, v2);
        }
        catch (YjsDecodeException)
        {
        }
        catch (Exception ex)
        {
            Assert.Fail($"{what}: {Hex.Compact(data)} threw {ex.GetType().Name}: {ex.Message}");
        }
    }
}
