using DraftPad.Server.Pads;
using DraftPad.Server.Storage;
using DraftPad.Server.Storage.Sqlite;
using DraftPad.Server.Tests.Hub;
using DraftPad.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DraftPad.Server.Tests.Storage;

/// <summary>
/// Send is acknowledged only after the store reports the update durable, and others see it only
/// then. (A SIGKILL test cannot catch an early acknowledgement: the window is microseconds.)
/// </summary>
public sealed class AcknowledgementTests
{
    /// <summary>The real SQLite store, with appends held until the test releases them.</summary>
    private sealed class GatedStore(SqlitePadStore inner) : IPadStore
    {
        public readonly TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public volatile bool Hold;
        public int Held;

        public Task<IReadOnlyList<PadId>> ListAsync(CancellationToken c = default) => inner.ListAsync(c);
        public Task<StoredPad?> LoadAsync(PadId id, CancellationToken c = default) => inner.LoadAsync(id, c);
        public Task<bool> CreateAsync(PadId id, byte[] s, CancellationToken c = default) => inner.CreateAsync(id, s, c);
        public Task CompactAsync(PadId id, byte[] s, CancellationToken c = default) => inner.CompactAsync(id, s, c);
        public Task SaveImageAsync(PadId id, StoredImage i, CancellationToken c = default) => inner.SaveImageAsync(id, i, c);
        public Task<IReadOnlyList<StoredImage>> ListImagesAsync(PadId id, CancellationToken c = default) => inner.ListImagesAsync(id, c);
        public Task<StoredImage?> GetImageAsync(PadId id, string n, CancellationToken c = default) => inner.GetImageAsync(id, n, c);
        public Task<bool> DeleteImageAsync(PadId id, string n, CancellationToken c = default) => inner.DeleteImageAsync(id, n, c);

        public async Task AppendAsync(PadId id, byte[] update, CancellationToken c = default)
        {
            var write = inner.AppendAsync(id, update, c);
            if (Hold)
            {
                Interlocked.Increment(ref Held);
                await Release.Task;
            }
            await write;
        }
    }

    [Fact]
    public async Task Send_completes_and_others_receive_only_after_the_append_is_durable()
    {
        GatedStore? gated = null;
        await using var host = await ServerHost.StartAsync(services: s => s.AddSingleton<IPadStore>(sp =>
            gated = new GatedStore(new SqlitePadStore(sp.GetRequiredService<IOptions<StorageOptions>>(), sp.GetRequiredService<ILogger<SqlitePadStore>>()))));
        await using var writer = await PadPeer.JoinAsync(host, TestPads.Current);
        await using var reader = await PadPeer.JoinAsync(host, TestPads.Current);
        gated!.Hold = true;
        var send = writer.EditAndSend(d => d.GetText("content").Insert(0, "durable first"));
        await HubContractTests.Eventually(() => Volatile.Read(ref gated.Held) == 1);
        await Task.Delay(200);
        Assert.False(send.IsCompleted, "Send was acknowledged before the update was durable");
        Assert.DoesNotContain("durable first", reader.Text);
        gated.Release.SetResult();
        await send.WaitAsync(TimeSpan.FromSeconds(5));
        await HubContractTests.Eventually(() => reader.Text.StartsWith("durable first", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_append_fails_the_Send_and_the_server_keeps_serving()
    {
        await using var host = await ServerHost.StartAsync();
        await using var peer = await PadPeer.JoinAsync(host, TestPads.Current);
        // Remove the pad's row behind the server's back: the next append cannot be stored.
        var store = host.Services.GetRequiredService<IPadStore>();
        Assert.IsType<SqlitePadStore>(store);
        var path = Path.Combine(host.DataDirectory, SqlitePadStore.FileName);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM updates; DELETE FROM pads;";
            await command.ExecuteNonQueryAsync();
        }
        var failed = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => peer.EditAndSend(d => d.GetText("content").Insert(0, "lost?")));
        Assert.Contains("could not store this change", failed.Message);
        Assert.Contains("not acknowledged", failed.Message);
        // Re-sending the same change holds nothing new for the server's memory, yet it is not
        // acknowledged either: the pad's next write is a full snapshot, which fails here too.
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => peer.SendAsync(
            DraftPad.Crdt.Protocols.YMessage.EncodeSync(DraftPad.Crdt.Protocols.SyncProtocol.EncodeUpdate(peer.Doc.EncodeStateAsUpdate(default)))));
        Assert.Equal("ok", await host.Http().GetStringAsync("healthz"));
    }
}
