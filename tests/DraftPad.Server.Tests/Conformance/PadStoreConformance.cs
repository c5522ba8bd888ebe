using DraftPad.Server.Pads;
using DraftPad.Server.Storage;

namespace DraftPad.Server.Tests.Conformance;

/// <summary>
/// What every pad store guarantees, whatever holds the bytes: one suite, run against the embedded
/// SQLite store (<see cref="SqlitePadStoreConformanceTests"/>) and the Redis store
/// (<see cref="RedisPadStoreConformanceTests"/>).
/// </summary>
public abstract class PadStoreConformance : IAsyncLifetime
{
    protected static readonly PadId November = new(2026, 11);

    private IPadStore _store = null!;

    /// <summary>Opens a store over this test's data (again after <see cref="CloseAsync"/>: the same data).</summary>
    protected abstract Task<IPadStore> OpenAsync();

    /// <summary>Closes a store opened by <see cref="OpenAsync"/>.</summary>
    protected abstract Task CloseAsync(IPadStore store);

    /// <summary>Removes this test's data.</summary>
    protected abstract Task DeleteDataAsync();

    public async Task InitializeAsync() => _store = await OpenAsync();

    public async Task DisposeAsync()
    {
        await CloseAsync(_store);
        await DeleteDataAsync();
    }

    private async Task ReopenAsync()
    {
        await CloseAsync(_store);
        _store = await OpenAsync();
    }

    [Fact]
    public async Task Create_is_once_only_and_appends_load_in_order()
    {
        Assert.True(await _store.CreateAsync(November, [1, 2, 3]));
        Assert.False(await _store.CreateAsync(November, [9]));
        for (byte i = 0; i < 10; i++) await _store.AppendAsync(November, [i]);
        var loaded = await _store.LoadAsync(November);
        Assert.Equal(new byte[] { 1, 2, 3 }, loaded!.Snapshot);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (byte)i), loaded.Updates.Select(u => u[0]));
        Assert.Equal(13, loaded.SizeBytes);
        Assert.Null(await _store.LoadAsync(new PadId(2026, 12)));
        Assert.Equal([November], await _store.ListAsync());
    }

    [Fact]
    public async Task Many_concurrent_appends_are_stored_in_call_order_and_survive_reopening()
    {
        await _store.CreateAsync(November, []);
        // Called in order without waiting, as a pad's lock does.
        var appends = Enumerable.Range(0, 2000).Select(i => _store.AppendAsync(November, BitConverter.GetBytes(i))).ToList();
        await Task.WhenAll(appends);
        await ReopenAsync();
        var loaded = await _store.LoadAsync(November);
        Assert.Equal(Enumerable.Range(0, 2000), loaded!.Updates.Select(u => BitConverter.ToInt32(u)));
    }

    [Fact]
    public async Task Compaction_replaces_exactly_the_updates_appended_before_it()
    {
        await _store.CreateAsync(November, [0]);
        var before = Enumerable.Range(1, 5).Select(i => _store.AppendAsync(November, [(byte)i])).ToList();
        var compaction = _store.CompactAsync(November, [42]);
        var after = _store.AppendAsync(November, [6]);
        await Task.WhenAll([.. before, compaction, after]);
        var loaded = await _store.LoadAsync(November);
        Assert.Equal(new byte[] { 42 }, loaded!.Snapshot);
        Assert.Equal([6], loaded.Updates.Select(u => u[0]));
        await ReopenAsync();
        loaded = await _store.LoadAsync(November);
        Assert.Equal(new byte[] { 42 }, loaded!.Snapshot);
        Assert.Equal([6], loaded.Updates.Select(u => u[0]));
    }

    [Fact]
    public async Task Appending_to_a_missing_pad_fails_alone_and_neighbours_are_stored()
    {
        await _store.CreateAsync(November, []);
        var good1 = _store.AppendAsync(November, [1]);
        var bad = _store.AppendAsync(new PadId(2030, 1), [2]);
        var good2 = _store.AppendAsync(November, [3]);
        await good1;
        await good2;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Contains("does not exist", error.Message);
        Assert.Equal([1, 3], (await _store.LoadAsync(November))!.Updates.Select(u => u[0]));
    }

    [Fact]
    public async Task Images_are_stored_listed_read_replaced_and_deleted()
    {
        await _store.CreateAsync(November, []);
        await _store.SaveImageAsync(November, new StoredImage("b.png", "image/png", [1, 2, 3], 3));
        await _store.SaveImageAsync(November, new StoredImage("a.jpg", "image/jpeg", [4, 5], 2));
        await _store.SaveImageAsync(November, new StoredImage("b.png", "image/webp", [7, 7, 7, 7], 4));
        await ReopenAsync();
        var list = await _store.ListImagesAsync(November);
        Assert.Equal(["a.jpg", "b.png"], list.Select(i => i.Name));
        Assert.Equal([2L, 4L], list.Select(i => i.Size));
        Assert.Equal(["image/jpeg", "image/webp"], list.Select(i => i.ContentType));
        Assert.All(list, i => Assert.Empty(i.Content));
        var image = await _store.GetImageAsync(November, "b.png");
        Assert.Equal(new byte[] { 7, 7, 7, 7 }, image!.Content);
        Assert.Equal("image/webp", image.ContentType);
        Assert.Null(await _store.GetImageAsync(November, "c.png"));
        Assert.True(await _store.DeleteImageAsync(November, "b.png"));
        Assert.False(await _store.DeleteImageAsync(November, "b.png"));
        Assert.Equal(["a.jpg"], (await _store.ListImagesAsync(November)).Select(i => i.Name));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _store.SaveImageAsync(new PadId(2030, 1), new StoredImage("x.png", "image/png", [1], 1)));
    }
}
