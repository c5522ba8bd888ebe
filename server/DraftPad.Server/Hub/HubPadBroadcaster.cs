using DraftPad.Server.Pads;
using Microsoft.AspNetCore.SignalR;

namespace DraftPad.Server.Hub;

/// <summary>Fans pad messages out to the pad's SignalR group (through the Redis backplane when scaled out).</summary>
internal sealed class HubPadBroadcaster(IHubContext<PadHub, IPadClient> hub) : IPadBroadcaster
{
    public static string GroupName(PadId id) => "pad:" + id;

    public Task BroadcastAsync(PadId id, byte[] message, string? exceptConnectionId) =>
        exceptConnectionId is null
            ? hub.Clients.Group(GroupName(id)).Receive(id.ToString(), message)
            : hub.Clients.GroupExcept(GroupName(id), exceptConnectionId).Receive(id.ToString(), message);

    // A connection of this node is written to directly, even with the Redis backplane.
    public Task SendToConnectionAsync(string connectionId, PadId id, byte[] message) =>
        hub.Clients.Client(connectionId).Receive(id.ToString(), message);
}
