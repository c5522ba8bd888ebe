using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DraftPad.Benchmarks.Load;

/// <summary>How an <see cref="EditorClient"/> reaches its server: one y-protocols message per call, both ways.</summary>
internal interface IFrameTransport : IAsyncDisposable
{
    /// <summary>True when <see cref="SendAsync"/> completes on the server's acknowledgement (DraftPad: the update is stored).</summary>
    bool HasAcks { get; }

    /// <summary>Connects and joins the pad; from then on every frame the server sends goes to <paramref name="onFrame"/> (in order).</summary>
    Task ConnectAsync(Action<byte[]> onFrame, CancellationToken cancellationToken);

    /// <summary>Sends one y-protocols message.</summary>
    Task SendAsync(byte[] frame);
}

/// <summary>DraftPad's hub: <c>Join(pad)</c>, <c>Send(pad, message)</c>, <c>Receive(pad, message)</c>, WebSockets without negotiation.</summary>
internal sealed class SignalRTransport(Uri server, string pad, HubProtocolKind protocol, Action? onDiagnostics = null) : IFrameTransport
{
    private HubConnection? _connection;

    public bool HasAcks => true;

    public async Task ConnectAsync(Action<byte[]> onFrame, CancellationToken cancellationToken)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(server, "/hubs/pad"), o =>
        {
            o.SkipNegotiation = true;
            o.Transports = HttpTransportType.WebSockets;
        });
        if (protocol == HubProtocolKind.MessagePack) builder.AddMessagePackProtocol();
        _connection = builder.Build();
        _connection.On<string, byte[]>("Receive", (padId, message) =>
        {
            if (padId == pad) onFrame(message);
        });
        // The server's live lint pushes Diagnostics(padId, json): counted, not parsed.
        _connection.On("Diagnostics", [typeof(object), typeof(object)], _ =>
        {
            onDiagnostics?.Invoke();
            return Task.CompletedTask;
        });
        await _connection.StartAsync(cancellationToken);
        await _connection.InvokeAsync("Join", pad, cancellationToken);
    }

    public Task SendAsync(byte[] frame) =>
        (_connection ?? throw new InvalidOperationException("not connected")).InvokeAsync("Send", pad, frame);

    public async ValueTask DisposeAsync()
    {
        if (_connection != null) await _connection.DisposeAsync();
    }
}

/// <summary>y-websocket: ws://host/&lt;room&gt;, one binary WebSocket message per y-protocols message.</summary>
internal sealed class WebSocketTransport(Uri server, string room) : IFrameTransport
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiveLoop;

    public bool HasAcks => false;

    public async Task ConnectAsync(Action<byte[]> onFrame, CancellationToken cancellationToken)
    {
        _socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        var uri = new UriBuilder(server) { Scheme = "ws", Path = "/" + Uri.EscapeDataString(room) }.Uri;
        await _socket.ConnectAsync(uri, cancellationToken);
        _receiveLoop = Task.Run(() => ReceiveLoop(onFrame));
    }

    public async Task SendAsync(byte[] frame)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, _stop.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoop(Action<byte[]> onFrame)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) return;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var frame = message.ToArray();
                message.SetLength(0);
                onFrame(frame);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // closed
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // best effort
        }
        await _stop.CancelAsync();
        if (_receiveLoop != null) await _receiveLoop;
        _socket.Dispose();
        _sendLock.Dispose();
        _stop.Dispose();
    }
}
