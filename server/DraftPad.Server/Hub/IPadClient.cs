namespace DraftPad.Server.Hub;

/// <summary>Methods the server calls on hub clients (see docs/protocol.md).</summary>
public interface IPadClient
{
    /// <summary>A y-protocols message for the pad <paramref name="padId"/>.</summary>
    Task Receive(string padId, byte[] message);

    /// <summary>The linter's findings for the pad (JSON, see docs/protocol.md), after changes and on join.</summary>
    Task Diagnostics(string padId, string json);
}
