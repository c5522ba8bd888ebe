namespace DraftPad.Crdt.Tests.Doc;

public class EventTests
{
    [Fact]
    public void TextEventDescribesInsertAndDeleteAsDelta()
    {
        var doc = new YDoc(new YDocOptions { ClientId = 1 });
        var text = doc.GetText("content");
        text.Insert(0, "Hello world");
        IReadOnlyList<YDelta>? delta = null;
        text.Observe(e => delta = e.Delta);
        doc.Transact(_ =>
        {
            text.Delete(0, 5);
            text.Insert(0, "Howdy");
        });
        Assert.NotNull(delta);
        Assert.Equal(2, delta!.Count);
        // The deleted run comes first in the list: the insert lands after it, as in Yjs.
        Assert.Equal(5, delta[0].Delete);
        Assert.Equal("Howdy", delta[1].Insert);
    }

    [Fact]
    public void RemoteChangeRaisesEventWithRetain()
    {
        var a = new YDoc(new YDocOptions { ClientId = 1 });
        var b = new YDoc(new YDocOptions { ClientId = 2 });
        a.GetText("t").Insert(0, "abc");
        b.ApplyUpdate(a.EncodeStateAsUpdate());
        var updates = new List<byte[]>();
        a.UpdateV1 += (_, e) => updates.Add(e.Update);
        a.GetText("t").Insert(3, "d");
        List<YDelta>? seen = null;
        var local = true;
        b.GetText("t").Observe(e => { seen = e.Delta.ToList(); local = e.Transaction.Local; });
        b.ApplyUpdate(updates[0], origin: "network");
        Assert.False(local);
        Assert.Equal([new YDelta { Retain = 3 }, new YDelta { Insert = "d" }], seen);
        Assert.Equal("abcd", b.GetText("t").ToString());
    }

    [Fact]
    public void MapEventListsChangedKeys()
    {
        var doc = new YDoc(new YDocOptions { ClientId = 1 });
        var map = doc.GetMap("meta");
        IReadOnlySet<string>? keys = null;
        map.Observe(e => keys = e.KeysChanged);
        doc.Transact(_ =>
        {
            map.Set("status", "open");
            map.Set("release", "2026-12-05");
        });
        Assert.Equal(new HashSet<string> { "status", "release" }, keys!.ToHashSet());
    }

    [Fact]
    public void UpdateEventsCarryOriginAndAreNotRaisedForNoOps()
    {
        var doc = new YDoc(new YDocOptions { ClientId = 1 });
        var origins = new List<object?>();
        doc.UpdateV1 += (_, e) => origins.Add(e.Origin);
        doc.Transact(_ => doc.GetText("t").Insert(0, "x"), origin: "me");
        doc.Transact(_ => { });
        doc.GetText("t").Delete(0, 0);
        Assert.Equal(["me"], origins);
    }

    [Fact]
    public void DeepObserverSeesNestedChanges()
    {
        var doc = new YDoc(new YDocOptions { ClientId = 1 });
        var root = doc.GetMap("root");
        root.Set("child", new YText());
        var events = new List<YEvent>();
        root.ObserveDeep(evs => events.AddRange(evs));
        ((YText)root.Get("child")!).Insert(0, "hi");
        Assert.Single(events);
        Assert.IsType<YText>(events[0].Target);
    }

    [Fact]
    public void FormattingShowsAsRetainWithAttributes()
    {
        var doc = new YDoc(new YDocOptions { ClientId = 1 });
        var text = doc.GetText("t");
        text.Insert(0, "hello world");
        List<YDelta>? delta = null;
        text.Observe(e => delta = e.Delta.ToList());
        text.Format(6, 5, new Dictionary<string, object?> { ["bold"] = true });
        Assert.Equal(2, delta!.Count);
        Assert.Equal(6, delta[0].Retain);
        Assert.Null(delta[0].Attributes);
        Assert.Equal(5, delta[1].Retain);
        Assert.Equal(true, delta[1].Attributes!["bold"]);
    }

    [Fact]
    public void ArrayEventDeltaListsInsertedValues()
    {
        var doc = new YDoc(new YDocOptions { ClientId = 1 });
        var array = doc.GetArray("a");
        array.Insert(0, 1, 2, 3);
        List<YDelta>? delta = null;
        array.Observe(e => delta = e.Delta.ToList());
        doc.Transact(_ =>
        {
            array.Delete(0, 1);
            array.Insert(2, "x");
        });
        Assert.Equal(3, delta!.Count);
        Assert.Equal(1, delta[0].Delete);
        Assert.Equal(2, delta[1].Retain);
        Assert.Equal(new List<object?> { "x" }, delta[2].Insert);
    }
}
