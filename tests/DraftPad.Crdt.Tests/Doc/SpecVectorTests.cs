namespace DraftPad.Crdt.Tests.Doc;

/// <summary>The test vectors of shared/spec/yjs-wire-format.md section 10 (produced by yjs 13.6.33).</summary>
public class SpecVectorTests
{
    private static (YDoc Doc, List<byte[]> V1, List<byte[]> V2) NewDoc(ulong client, bool gc = true)
    {
        var doc = new YDoc(new YDocOptions { ClientId = client, Gc = gc });
        var v1 = new List<byte[]>();
        var v2 = new List<byte[]>();
        doc.UpdateV1 += (_, e) => v1.Add(e.Update);
        doc.UpdateV2 += (_, e) => v2.Add(e.Update);
        return (doc, v1, v2);
    }

    [Fact]
    public void TextInsertInsertDelete()
    {
        var (doc, v1, v2) = NewDoc(1);
        var t = doc.GetText("t");
        t.Insert(0, "ab");
        Assert.Equal("01 01 01 00 04 01 01 74 02 61 62 00", Hex.Format(v1[0]));
        Assert.Equal("00 00 01 01 00 00 01 04 06 03 74 61 62 01 02 01 01 00 00 01 01 00 00", Hex.Format(v2[0]));
        t.Insert(1, "X");
        Assert.Equal("01 01 01 02 c4 01 00 01 01 01 58 00", Hex.Format(v1[1]));
        t.Delete(0, 1);
        Assert.Equal("00 01 01 01 00 01", Hex.Format(v1[2]));
        Assert.Equal("00 00 00 00 00 00 01 00 00 00 00 00 01 01 01 00 00", Hex.Format(v2[2]));
        Assert.Equal("01 01 03", Hex.Format(doc.EncodeStateVector()));
        Assert.Equal("01 03 01 00 01 01 01 74 01 84 01 00 01 62 c4 01 00 01 01 01 58 01 01 01 00 01", Hex.Format(doc.EncodeStateAsUpdate()));
        Assert.Equal("00 00 02 41 02 02 01 00 01 02 05 01 00 84 00 c4 06 03 74 62 58 41 01 01 01 00 01 01 01 03 00 01 01 01 00 00", Hex.Format(doc.EncodeStateAsUpdateV2()));
        Assert.Equal("Xb", t.ToString());
    }

    [Fact]
    public void MapSetAndOverwrite()
    {
        var (doc, v1, _) = NewDoc(1);
        var t = doc.GetText("t");
        t.Insert(0, "ab");
        t.Insert(1, "X");
        t.Delete(0, 1);
        var m = doc.GetMap("m");
        m.Set("k", 42);
        m.Set("k", "v");
        Assert.Equal("01 01 01 03 28 01 01 6d 01 6b 01 7d 2a 00", Hex.Format(v1[3]));
        Assert.Equal("01 01 01 04 a8 01 03 01 77 01 76 01 01 01 03 01", Hex.Format(v1[4]));
        Assert.Equal("v", m.Get("k"));
    }

    [Fact]
    public void BoldEmbedAndMixedArray()
    {
        var (doc, v1, _) = NewDoc(2);
        var t = doc.GetText("t");
        t.Insert(0, "hi", new Dictionary<string, object?> { ["bold"] = true });
        Assert.Equal("01 03 02 00 06 01 01 74 04 62 6f 6c 64 04 74 72 75 65 84 02 00 02 68 69 86 02 02 04 62 6f 6c 64 04 6e 75 6c 6c 00", Hex.Format(v1[0]));
        t.InsertEmbed(2, new Dictionary<string, object?> { ["image"] = "x.png" });
        Assert.Equal("01 01 02 04 85 02 03 11 7b 22 69 6d 61 67 65 22 3a 22 78 2e 70 6e 67 22 7d 00", Hex.Format(v1[1]));
        doc.GetArray("a").Insert(0, 1, -1, 2147483648.0, 0.5, 0.1, "x", true, null,
            new Dictionary<string, object?> { ["k"] = new List<object?> { 1 } }, new byte[] { 1, 2 });
        Assert.Equal("01 02 02 05 08 01 01 61 09 7d 01 7d 41 7c 4f 00 00 00 7c 3f 00 00 00 7b 3f b9 99 99 99 99 99 9a 77 01 78 78 7e 76 01 01 6b 75 01 7d 01 83 02 0d 02 01 02 00", Hex.Format(v1[2]));
    }

    [Fact]
    public void NestedTextInMap()
    {
        var (doc, v1, _) = NewDoc(3);
        doc.GetMap("root").Set("child", new YText("z"));
        Assert.Equal("01 02 03 00 27 01 04 72 6f 6f 74 05 63 68 69 6c 64 02 04 00 03 00 01 7a 00", Hex.Format(v1[0]));
        Assert.Equal("z", ((YText)doc.GetMap("root").Get("child")!).ToString());
    }

    [Theory]
    [InlineData(false, "01 03 05 00 04 01 01 74 01 61 84 05 00 01 62 84 05 01 01 63 01 05 01 01 01")]
    [InlineData(true, "01 03 05 00 04 01 01 74 01 61 81 05 00 01 84 05 01 01 63 01 05 01 01 01")]
    public void GcOnAndOff(bool gc, string expected)
    {
        var (doc, _, _) = NewDoc(5, gc);
        var t = doc.GetText("t");
        t.Insert(0, "abc");
        t.Delete(1, 1);
        Assert.Equal(expected, Hex.Format(doc.EncodeStateAsUpdate()));
        if (!gc) Assert.Equal("01 05 01 01 01 01 05 03", Hex.Format(YSnapshot.Create(doc).Encode()));
    }

    [Fact]
    public void NestedMapDeletedBecomesGc()
    {
        var (doc, _, _) = NewDoc(4);
        var a = doc.GetArray("a");
        var inner = new YMap();
        a.Insert(0, inner);
        ((YMap)a.Get(0)!).Set("k", 1);
        a.Delete(0, 1);
        Assert.Equal("01 02 04 00 01 01 01 61 01 00 01 01 04 01 00 02", Hex.Format(doc.EncodeStateAsUpdate()));
    }

    [Fact]
    public void SurrogateSplit()
    {
        var (doc, _, _) = NewDoc(1);
        var t = doc.GetText("t");
        t.Insert(0, "😀");
        t.Insert(1, "x");
        Assert.Equal("\uFFFDx\uFFFD", t.ToString());
    }

    [Fact]
    public void ApplyRoundTrip()
    {
        var (doc, _, _) = NewDoc(1);
        var t = doc.GetText("t");
        t.Insert(0, "hello world");
        t.Delete(2, 3);
        t.Insert(4, "XY");
        var copy = new YDoc(new YDocOptions { ClientId = 9 });
        copy.ApplyUpdate(doc.EncodeStateAsUpdate());
        Assert.Equal(t.ToString(), copy.GetText("t").ToString());
        Assert.Equal(Hex.Format(doc.EncodeStateAsUpdate()), Hex.Format(copy.EncodeStateAsUpdate()));
        Assert.Equal(Hex.Format(doc.EncodeStateAsUpdateV2()), Hex.Format(copy.EncodeStateAsUpdateV2()));
    }
}
