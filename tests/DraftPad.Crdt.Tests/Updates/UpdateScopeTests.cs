namespace DraftPad.Crdt.Tests.Updates;

/// <summary>InspectUpdate must name exactly the roots an update changes, before it is applied.</summary>
public sealed class UpdateScopeTests
{
    private static (YDoc server, YDoc client) Synced()
    {
        var server = new YDoc(new YDocOptions { ClientId = 1 });
        server.GetText("content").Insert(0, "hello world");
        server.GetMap("meta").Set("status", "open");
        var client = new YDoc(new YDocOptions { ClientId = 2 });
        client.ApplyUpdate(server.EncodeStateAsUpdate(default));
        return (server, client);
    }

    private static byte[] Capture(YDoc doc, Action edit)
    {
        byte[]? captured = null;
        void Handler(object? s, UpdateEventArgs e) => captured = e.Update;
        doc.UpdateV1 += Handler;
        edit();
        doc.UpdateV1 -= Handler;
        return captured ?? throw new InvalidOperationException("edit produced no update");
    }

    [Fact]
    public void Text_insert_after_existing_text_is_scoped_to_content()
    {
        var (server, client) = Synced();
        var update = Capture(client, () => client.GetText("content").Insert(5, ","));
        var scope = server.InspectUpdate(update);
        Assert.Equal(["content"], scope.Roots);
        Assert.False(scope.HasUnresolved);
        Assert.Equal("hello world", server.GetText("content").ToString()); // nothing applied
    }

    [Fact]
    public void Deleting_existing_text_is_scoped_to_content()
    {
        var (server, client) = Synced();
        var update = Capture(client, () => client.GetText("content").Delete(0, 3));
        Assert.Equal(["content"], server.InspectUpdate(update).Roots);
    }

    [Fact]
    public void Map_overwrite_is_scoped_to_meta()
    {
        var (server, client) = Synced();
        var update = Capture(client, () => client.GetMap("meta").Set("status", "closed"));
        var scope = server.InspectUpdate(update);
        Assert.Equal(["meta"], scope.Roots);
        Assert.False(scope.IsWithin(new HashSet<string> { "content" }));
    }

    [Fact]
    public void Chains_typed_in_one_update_resolve_through_origins()
    {
        var (server, client) = Synced();
        var update = Capture(client, () => client.Transact(_ =>
        {
            var text = client.GetText("content");
            for (var i = 0; i < 5000; i++) text.Insert(text.Length, i % 2 == 0 ? "a" : "\n");
            text.Format(0, 3, new Dictionary<string, object?> { ["bold"] = true });
        }));
        var scope = server.InspectUpdate(update);
        Assert.Equal(["content"], scope.Roots);
        Assert.False(scope.HasUnresolved);
    }

    [Fact]
    public void Nested_types_resolve_to_their_root()
    {
        var (server, client) = Synced();
        var first = Capture(client, () => client.GetMap("meta").Set("nested", new YMap()));
        var scopeOfFirst = server.InspectUpdate(first);
        Assert.Equal(["meta"], scopeOfFirst.Roots);
        server.ApplyUpdate(first);
        var second = Capture(client, () => ((YMap)client.GetMap("meta").Get("nested")!).Set("k", 1.0));
        Assert.Equal(["meta"], server.InspectUpdate(second).Roots);
    }

    [Fact]
    public void Updates_that_depend_on_unknown_changes_are_unresolved()
    {
        var (server, client) = Synced();
        var first = Capture(client, () => client.GetText("content").Insert(0, "A"));
        var second = Capture(client, () => client.GetText("content").Insert(1, "B"));
        var deletion = Capture(client, () => client.GetText("content").Delete(0, 1));
        Assert.True(server.InspectUpdate(second).HasUnresolved);
        Assert.True(server.InspectUpdate(deletion).HasUnresolved);
        Assert.False(server.InspectUpdate(second).IsWithin(new HashSet<string> { "content" }));
        server.ApplyUpdate(first);
        Assert.False(server.InspectUpdate(second).HasUnresolved);
    }

    [Fact]
    public void A_clock_gap_is_unresolved_even_when_the_origin_is_known()
    {
        var (server, client) = Synced();
        var text = client.GetText("content");
        // Both inserts sit right after the server's last character, whose id the server knows.
        var first = Capture(client, () => text.Insert(text.Length, "A"));
        var second = Capture(client, () => text.Insert(0, "B"));
        var scope = server.InspectUpdate(second);
        Assert.True(scope.HasUnresolved, "an update whose own clock starts beyond the server's state must wait for the gap");
        server.ApplyUpdate(first);
        Assert.False(server.InspectUpdate(second).HasUnresolved);
    }

    [Fact]
    public void Several_roots_in_one_transaction_are_all_named()
    {
        var (server, client) = Synced();
        var update = Capture(client, () => client.Transact(_ =>
        {
            client.GetText("content").Insert(0, "x");
            client.GetMap("meta").Set("releaseDate", "2026-12-05");
            client.GetArray("other").Insert(0, [1.0]);
        }));
        Assert.Equal(new HashSet<string> { "content", "meta", "other" }, server.InspectUpdate(update).Roots.ToHashSet());
        var v2 = YUpdates.ConvertUpdateFormatV1ToV2(update);
        Assert.Equal(new HashSet<string> { "content", "meta", "other" }, server.InspectUpdateV2(v2).Roots.ToHashSet());
    }

    [Fact]
    public void Malformed_updates_throw_the_decode_exception()
    {
        var (server, _) = Synced();
        Assert.Throws<YjsDecodeException>(() => server.InspectUpdate([0x05, 0xff, 0xff]));
    }

    [Fact]
    public void Randomized_text_edits_are_always_content_only()
    {
        var seed = DraftPad.Crdt.Tests.Robustness.FuzzSettings.Seed;
        Console.WriteLine($"UpdateScope randomized seed {seed}");
        var random = new Random(seed);
        var (server, client) = Synced();
        for (var i = 0; i < 300; i++)
        {
            var text = client.GetText("content");
            var update = Capture(client, () =>
            {
                if (text.Length > 0 && random.Next(3) == 0) text.Delete(random.Next(text.Length), 1);
                else text.Insert(random.Next(text.Length + 1), ((char)('a' + random.Next(26))).ToString());
            });
            var scope = server.InspectUpdate(update);
            Assert.True(scope.IsWithin(new HashSet<string> { "content" }), $"seed {seed}, step {i}");
            server.ApplyUpdate(update);
        }
        Assert.Equal(client.GetText("content").ToString(), server.GetText("content").ToString());
    }
}
