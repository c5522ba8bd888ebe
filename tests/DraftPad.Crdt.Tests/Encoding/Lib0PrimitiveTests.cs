using DraftPad.Crdt.Encoding;
using Xunit;

namespace DraftPad.Crdt.Tests.Encoding;

public class Lib0PrimitiveTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8001")]
    [InlineData(300UL, "ac02")]
    [InlineData(4294967295UL, "ffffffff0f")]
    [InlineData(9007199254740991UL, "ffffffffffffff0f")]
    public void VarUintMatchesSpec(ulong value, string hex)
    {
        var w = new Lib0Writer();
        w.WriteVarUint(value);
        Assert.Equal(hex, Hex.Compact(w.AsSpan()));
        var r = new Lib0Reader(w.ToArray());
        Assert.Equal(value, r.ReadVarUint());
        Assert.False(r.HasContent);
    }

    [Theory]
    [InlineData(0L, false, "00")]
    [InlineData(0L, true, "40")]
    [InlineData(1L, false, "01")]
    [InlineData(1L, true, "41")]
    [InlineData(63L, false, "3f")]
    [InlineData(64L, false, "8001")]
    [InlineData(64L, true, "c001")]
    public void VarIntMatchesSpec(long magnitude, bool negative, string hex)
    {
        var w = new Lib0Writer();
        w.WriteVarInt(magnitude, negative);
        Assert.Equal(hex, Hex.Compact(w.AsSpan()));
        if (magnitude != 0)
        {
            var w2 = new Lib0Writer();
            w2.WriteVarInt(negative ? -magnitude : magnitude);
            Assert.Equal(hex, Hex.Compact(w2.AsSpan()));
        }
        var r = new Lib0Reader(w.ToArray());
        long v = r.ReadVarInt(out bool neg);
        Assert.Equal(negative, neg);
        Assert.Equal(negative ? -magnitude : magnitude, v);
        Assert.False(r.HasContent);
    }

    [Fact]
    public void VarIntExtremes()
    {
        foreach (long v in new[] { long.MaxValue >> 11, -(long.MaxValue >> 11), 1L << 40, -(1L << 40), int.MinValue })
        {
            var w = new Lib0Writer();
            w.WriteVarInt(v);
            Assert.Equal(v, new Lib0Reader(w.ToArray()).ReadVarInt());
        }
    }

    [Fact]
    public void VarUintRejectsAbove2Pow53AndTruncation()
    {
        Assert.Throws<YjsDecodeException>(() => new Lib0Reader(Hex.Parse("8080808080808010")).ReadVarUint());
        Assert.Throws<YjsDecodeException>(() => new Lib0Reader(Hex.Parse("ffffffffffffffffff01")).ReadVarUint());
        Assert.Throws<YjsDecodeException>(() => new Lib0Reader(Hex.Parse("8080")).ReadVarUint());
        Assert.Throws<YjsDecodeException>(() => new Lib0Reader([]).ReadVarUint());
        Assert.Throws<YjsDecodeException>(() => new Lib0Reader([]).ReadVarInt());
        Assert.Throws<YjsDecodeException>(() => new Lib0Reader(Hex.Parse("c0")).ReadVarInt());
        // Overlong zero groups are accepted by lib0.
        Assert.Equal(1UL, new Lib0Reader(Hex.Parse("8180808080808080808000")).ReadVarUint());
    }

    [Fact]
    public void RangeCheckedConversions()
    {
        Assert.Throws<YjsDecodeException>(() => new Lib0Reader(Hex.Parse("8080808008")).ReadVarUintAsInt());
        Assert.Equal(int.MaxValue, new Lib0Reader(Hex.Parse("ffffffff07")).ReadVarUintAsInt());
        Assert.Throws<YjsDecodeException>(() => new Lib0Reader(Hex.Parse("05 01 02")).ReadCount());
        Assert.Equal(2, new Lib0Reader(Hex.Parse("02 01 02")).ReadCount());
    }

    [Theory]
    [InlineData("", "00")]
    [InlineData("ab", "026162")]
    [InlineData("é", "02c3a9")]
    [InlineData("😀", "04f09f9880")]
    public void VarStringUtf8(string s, string hex)
    {
        var w = new Lib0Writer();
        w.WriteVarString(s);
        Assert.Equal(hex, Hex.Compact(w.AsSpan()));
        Assert.Equal(s, new Lib0Reader(w.ToArray()).ReadVarString());
    }

    [Fact]
    public void LoneSurrogatesBecomeReplacementCharacter()
    {
        // Not [InlineData]: attribute blobs store strings as UTF-8, which loses lone surrogates.
        (string Input, string Hex, string Back)[] cases =
        [
            ("\ud83d", "03efbfbd", "\ufffd"),
            ("a\udc00b", "0561efbfbd62", "a\ufffdb"),
            ("\ude00\ud83d", "06efbfbdefbfbd", "\ufffd\ufffd"),
        ];
        foreach (var (input, hex, back) in cases)
        {
            var w = new Lib0Writer();
            w.WriteVarString(input);
            Assert.Equal(hex, Hex.Compact(w.AsSpan()));
            Assert.Equal(back, new Lib0Reader(w.ToArray()).ReadVarString());
        }
    }

    [Fact]
    public void LongStringsUseMultiBytePrefix()
    {
        string s = new string('x', 200) + "é" + new string('\ud800', 3);
        var w = new Lib0Writer(4);
        w.WriteVarString(s);
        var r = new Lib0Reader(w.ToArray());
        Assert.Equal(200 + 2 + 9, (int)new Lib0Reader(w.ToArray()).ReadVarUint());
        Assert.Equal(new string('x', 200) + "é\ufffd\ufffd\ufffd", r.ReadVarString());
        Assert.False(r.HasContent);
    }

    [Fact]
    public void InvalidUtf8DecodesToReplacementCharacter()
    {
        var r = new Lib0Reader(Hex.Parse("04 61 ff c3 62"));
        Assert.Equal("a\ufffd\ufffdb", r.ReadVarString());
        Assert.Equal("\ufeffa", new Lib0Reader(Hex.Parse("04 ef bb bf 61")).ReadVarString());
        Assert.Throws<YjsDecodeException>(() => new Lib0Reader(Hex.Parse("05 61 62")).ReadVarString());
    }

    [Fact]
    public void FixedSizeBigEndian()
    {
        var w = new Lib0Writer();
        w.WriteFloat32BE(1.5f);
        w.WriteFloat64BE(0.1);
        w.WriteBigInt64BE(-2);
        w.WriteVarUint8Array([1, 2]);
        w.WriteUint8Array([9]);
        Assert.Equal("3fc000003fb999999999999afffffffffffffffe02010209", Hex.Compact(w.AsSpan()));
        var r = new Lib0Reader(w.ToArray());
        Assert.Equal(1.5f, r.ReadFloat32BE());
        Assert.Equal(0.1, r.ReadFloat64BE());
        Assert.Equal(-2, r.ReadBigInt64BE());
        Assert.Equal(new byte[] { 1, 2 }, r.ReadVarUint8Array());
        Assert.Equal(1, r.Remaining);
        Assert.Equal(9, r.ReadUInt8());
        Assert.Throws<YjsDecodeException>(() => r.ReadUInt8());
        Assert.Throws<YjsDecodeException>(() => new Lib0Reader(Hex.Parse("3f c0 00")).ReadFloat32BE());
        Assert.Throws<YjsDecodeException>(() => new Lib0Reader(Hex.Parse("03 01 02")).ReadVarUint8Array());
    }

    [Fact]
    public void ReaderOverSegmentAndMemory()
    {
        byte[] data = Hex.Parse("ff 02 61 62 ff");
        var r = new Lib0Reader(data, 1, 3);
        Assert.Equal(0, r.Position);
        Assert.Equal("ab", r.ReadVarString());
        Assert.Equal(3, r.Position);
        Assert.False(r.HasContent);
        var m = new Lib0Reader(new ReadOnlyMemory<byte>(data, 1, 3));
        Assert.Equal("ab", m.ReadVarString());
        Assert.Throws<YjsDecodeException>(() => m.ReadUInt8());
    }

    [Fact]
    public void WriterGrowsAndClears()
    {
        var w = new Lib0Writer(1);
        for (int i = 0; i < 10000; i++)
        {
            w.WriteVarUint((ulong)i * 1000003);
        }
        var r = new Lib0Reader(w.ToArray());
        for (int i = 0; i < 10000; i++)
        {
            Assert.Equal((ulong)i * 1000003, r.ReadVarUint());
        }
        w.Clear();
        Assert.Equal(0, w.Length);
    }
}
