using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DraftPad.Testing;

/// <summary>Whether a redis-server on a loopback port answers PING (for tests and benchmarks that start their own).</summary>
internal static class RedisPing
{
    /// <summary>True when redis-server on 127.0.0.1:<paramref name="port"/> answers +PONG; false while it is not listening yet.</summary>
    public static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }
}
