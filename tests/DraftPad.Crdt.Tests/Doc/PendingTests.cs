namespace DraftPad.Crdt.Tests.Doc;

/// <summary>Causally early updates are buffered, never rejected, and applied once their gap is filled.</summary>
public class PendingTests
{
    private static List<byte[]> Edits(ulong client, Action<YText> edits)
    {
        var doc = new YDoc(new YDocOptions { ClientId = client });
        var updates = new List<byte[]>();
        doc.UpdateV1 += (_, e) => updates.Add(e.Update);
        edits(doc.GetText("t"));
        return updates;
    }

    [Fact]
    public void OutOfOrderUpdatesConverge()
    {
        var updates = Edits(7, t =>
        {
            t.Insert(0, "one ");
            t.Insert(4, "two ");
            t.Delete(0, 2);
            t.Insert(0, "zero ");
        });
        var doc = new YDoc(new YDocOptions { ClientId = 1 });
        doc.ApplyUpdate(updates[3]);
        doc.ApplyUpdate(updates[2]);
        Assert.True(doc.HasPending);
        Assert.Equal("", doc.GetText("t").ToString());
        doc.ApplyUpdate(updates[1]);
        doc.ApplyUpdate(updates[0]);
        Assert.False(doc.HasPending);
        Assert.Equal("zero e two ", doc.GetText("t").ToString());
    }

    [Fact]
    public void FullStateIncludesPendingStructs()
    {
        var updates = Edits(7, t =>
        {
            t.Insert(0, "a");
            t.Insert(1, "b");
        });
        var holder = new YDoc(new YDocOptions { ClientId = 1 });
        holder.ApplyUpdate(updates[1]);
        var relay = new YDoc(new YDocOptions { ClientId = 2 });
        relay.ApplyUpdate(holder.EncodeStateAsUpdate());
        relay.ApplyUpdate(updates[0]);
        Assert.Equal("ab", relay.GetText("t").ToString());
    }

    [Fact]
    public void BigIntCannotEnterTextAttributesThroughTheApi()
    {
        var doc = new YDoc(new YDocOptions { ClientId = 1 });
        var text = doc.GetText("t");
        Assert.Throws<ArgumentException>(() => text.Insert(0, "x", new Dictionary<string, object?> { ["n"] = new System.Numerics.BigInteger(1) }));
        Assert.Equal("", text.ToString());
        Assert.NotNull(doc.EncodeStateAsUpdate());
    }
}
