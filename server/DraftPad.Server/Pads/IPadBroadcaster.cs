namespace DraftPad.Server.Pads;

/// <summary>Delivers a y-protocols message to the clients of a pad (implemented by the hub).</summary>
public interface IPadBroadcaster
{
    /// <summary>Sends <paramref name="message"/> to every client in the pad except <paramref name="exceptConnectionId"/>.</summary>
    Task BroadcastAsync(PadId id, byte[] message, string? exceptConnectionId);

    /// <summary>Sends <paramref name="message"/> to one connection of this node only (healing after a fan-out gap).</summary>
    Task SendToConnectionAsync(string connectionId, PadId id, byte[] message);
}
