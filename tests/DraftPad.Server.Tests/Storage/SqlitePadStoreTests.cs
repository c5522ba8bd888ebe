using DraftPad.Server.Pads;
using DraftPad.Server.Storage;
using DraftPad.Server.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DraftPad.Server.Tests.Storage;

/// <summary>The embedded store on a real SQLite file.</summary>
public sealed class SqlitePadStoreTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("draftpad-store-").FullName;
    private SqlitePadStore _store = null!;
    private static readonly PadId November = new(2026, 11);

    public Task InitializeAsync()
    {
        _store = Open();
        return Task.CompletedTask;
    }

    private SqlitePadStore Open() =>
        new(Options.Create(new StorageOptions { DataDirectory = _directory, MaxBatch = 64 }), NullLogger<SqlitePadStore>.Instance);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
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
        Assert.Null(await _store.LoadAsync(new PadId(2026, 12)));
        Assert.Equal([November], await _store.ListAsync());
    }

    [Fact]
    public async Task Many_concurrent_appends_are_committed_in_call_order_and_survive_reopening()
    {
        await _store.CreateAsync(November, []);
        // Called in order without waiting, as a pad's lock does; the writer groups them into few commits.
        var appends = Enumerable.Range(0, 2000).Select(i => _store.AppendAsync(November, BitConverter.GetBytes(i))).ToList();
        await Task.WhenAll(appends);
        await _store.DisposeAsync();
        _store = Open();
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
    }

    [Fact]
    public async Task Appending_to_a_missing_pad_fails_alone_and_neighbours_commit()
    {
        await _store.CreateAsync(November, []);
        var good1 = _store.AppendAsync(November, [1]);
        var bad = _store.AppendAsync(new PadId(2030, 1), [2]);
        var good2 = _store.AppendAsync(November, [3]);
        await good1;
        await good2;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Contains("does not exist", error.Message);
        Assert.Equal(2, (await _store.LoadAsync(November))!.Updates.Count);
    }
}
