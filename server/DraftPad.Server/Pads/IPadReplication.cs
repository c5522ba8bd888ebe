namespace DraftPad.Server.Pads;

/// <summary>
/// What a node tells the other nodes of a shared store besides the log (which the store carries):
/// presence, and requests to heal. A single node has no one to tell.
/// </summary>
public interface IPadReplication
{
    /// <summary>Presence announced on this node (the hub fan-out already delivered it to every client).</summary>
    Task PublishAwarenessAsync(PadId id, byte[] message);

    /// <summary>Asks every node to re-send the pad to its clients: a fan-out of a durable change failed.</summary>
    Task RequestResyncAsync(PadId id);

    /// <summary>
    /// Tells the other nodes that updates at these log positions were stored and fanned out to every
    /// client (so they read the log without forwarding those again). Fire and forget.
    /// </summary>
    void AnnounceAppended(PadId id, IReadOnlyList<string> positions);
}

/// <summary>The replication of the embedded store: one node, nothing to tell.</summary>
internal sealed class SingleNodeReplication : IPadReplication
{
    public Task PublishAwarenessAsync(PadId id, byte[] message) => Task.CompletedTask;

    public Task RequestResyncAsync(PadId id) => Task.CompletedTask;

    public void AnnounceAppended(PadId id, IReadOnlyList<string> positions)
    {
    }
}
