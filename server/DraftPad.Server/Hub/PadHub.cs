using DraftPad.Crdt;
using DraftPad.Crdt.Protocols;
using DraftPad.Server.Access;
using DraftPad.Server.Guards;
using DraftPad.Server.Linting;
using DraftPad.Server.Pads;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace DraftPad.Server.Hub;

/// <summary>
/// The pad hub (<c>/hubs/pad</c>): y-protocols messages over SignalR, one group per pad.
/// The contract is docs/protocol.md. Every refusal is a <see cref="HubException"/> whose message
/// says why; nothing a client sends can disturb the pad or the other clients.
/// </summary>
public sealed class PadHub(PadManager pads, PadUserResolver users, IOptions<LimitsOptions> limits, TimeProvider time, LiveLintService lint) : Hub<IPadClient>
{
    /// <inheritdoc />
    public override Task OnConnectedAsync()
    {
        HubConnectionState.Attach(Context, users.Resolve(Context.User), new ConnectionRateLimiter(limits.Value, time));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var id in HubConnectionState.Of(Context).JoinedPads.ToList())
        {
            if (await pads.GetAsync(id) is { } pad) await pads.RemoveConnectionAsync(pad, Context.ConnectionId);
        }
    }

    /// <summary>
    /// Joins a pad (creating this month's pad from the newsletter skeleton when it does not exist and
    /// the caller may create it). The server then sends sync step 1 and the current presence.
    /// </summary>
    public async Task Join(string padId)
    {
        var id = ParseId(padId);
        var state = HubConnectionState.Of(Context);
        if (!state.JoinedPads.Contains(id) && state.JoinedPads.Count >= limits.Value.MaxPadsPerConnection)
        {
            throw new HubException($"A connection may join at most {limits.Value.MaxPadsPerConnection} pads (Limits:MaxPadsPerConnection); leave one first.");
        }
        var pad = await Guard(async () => await pads.GetAsync(id) ?? await CreateOrGetAsync(id, state.User));
        await Groups.AddToGroupAsync(Context.ConnectionId, HubPadBroadcaster.GroupName(id));
        state.JoinedPads.Add(id);
        pads.AttachConnection(pad, Context.ConnectionId);
        // After joining the group, so nothing sent from now on is missed.
        var (step1, awareness) = await pads.EncodeWelcomeAsync(pad);
        await Clients.Caller.Receive(padId, step1);
        if (awareness != null) await Clients.Caller.Receive(padId, awareness);
        await Clients.Caller.Diagnostics(id.ToString(), await lint.CurrentAsync(pad));
    }

    /// <summary>
    /// Applies the autofix of the linter's finding <paramref name="ruleId"/> at <paramref name="offset"/>
    /// as a server-side edit (it reaches every client as a sync update). Fails when the caller may
    /// not edit the pad or the finding no longer exists.
    /// </summary>
    public async Task ApplyFix(string padId, string ruleId, int offset)
    {
        var id = ParseId(padId);
        var state = HubConnectionState.Of(Context);
        if (!state.JoinedPads.Contains(id)) throw new HubException($"Join pad {id} before fixing it.");
        if (!state.RateLimiter.TryAcquire()) throw new HubException($"Too many messages: at most {limits.Value.MessagesPerSecond} per second (burst {limits.Value.MessageBurst}); this one was dropped.");
        var pad = await Guard(() => pads.GetRequiredAsync(id));
        var applied = await Guard(() => lint.ApplyFixAsync(pad, state.User, ruleId, offset));
        if (!applied) throw new HubException($"No fixable {ruleId} finding at offset {offset} any more; the text changed meanwhile.");
    }

    /// <summary>Leaves a pad: no more messages for it; the caller's presence there is removed.</summary>
    public async Task Leave(string padId)
    {
        var id = ParseId(padId);
        var state = HubConnectionState.Of(Context);
        if (!state.JoinedPads.Remove(id)) return;
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, HubPadBroadcaster.GroupName(id));
        if (await pads.GetAsync(id) is { } pad) await pads.RemoveConnectionAsync(pad, Context.ConnectionId);
    }

    /// <summary>
    /// Handles one y-protocols message for a joined pad. Completes after an update it carries is
    /// durably stored; fails with a HubException saying why when the message is refused.
    /// </summary>
    public async Task Send(string padId, byte[] message)
    {
        var id = ParseId(padId);
        var state = HubConnectionState.Of(Context);
        if (!state.JoinedPads.Contains(id)) throw new HubException($"Join pad {id} before sending to it.");
        if (!state.RateLimiter.TryAcquire())
        {
            throw new HubException($"Too many messages: at most {limits.Value.MessagesPerSecond} per second (burst {limits.Value.MessageBurst}); this one was dropped.");
        }
        if (message is null || message.Length == 0) throw new HubException("Empty message: expected a y-protocols message.");
        if (message.Length > limits.Value.MaxMessageBytes)
        {
            throw new HubException($"Message of {message.Length} bytes exceeds the limit of {limits.Value.MaxMessageBytes} bytes (Limits:MaxMessageBytes).");
        }
        YMessage parsed;
        try
        {
            parsed = YMessage.Parse(message);
        }
        catch (YjsDecodeException e)
        {
            throw new HubException($"Malformed y-protocols message: {e.Message}");
        }
        var pad = await Guard(() => pads.GetRequiredAsync(id));
        await Guard(() => Handle(pad, parsed, message, state.User));
    }

    private async Task<bool> Handle(Pad pad, YMessage message, byte[] raw, PadUser user)
    {
        switch (message.Kind)
        {
            case YMessageKind.Sync when message.Sync!.Type == SyncMessageType.Step1:
                await Clients.Caller.Receive(pad.Id.ToString(), await pads.EncodeStep2Async(pad, message.Sync.Payload));
                return true;
            case YMessageKind.Sync:
                return await pads.ApplyUpdateAsync(pad, message.Sync!.Payload, user, Context.ConnectionId);
            case YMessageKind.Awareness:
                await pads.ApplyAwarenessAsync(pad, message.AwarenessUpdate!, raw, user, Context.ConnectionId);
                return true;
            case YMessageKind.QueryAwareness:
                await Clients.Caller.Receive(pad.Id.ToString(), await pads.EncodeAwarenessAsync(pad));
                return true;
            default:
                throw new PadRejectedException(PadRejection.Invalid, "Auth messages are sent by the server only.");
        }
    }

    private async Task<Pad> CreateOrGetAsync(PadId id, PadUser user)
    {
        try
        {
            return await pads.CreateAsync(id, user);
        }
        catch (PadRejectedException e) when (e.Kind == PadRejection.Conflict)
        {
            return await pads.GetRequiredAsync(id); // created by someone else meanwhile
        }
    }

    private static PadId ParseId(string? padId) =>
        PadId.TryParse(padId, out var id) ? id : throw new HubException($"Unknown pad id '{padId}': {PadId.FormatError}");

    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (PadRejectedException e)
        {
            throw new HubException(e.Message);
        }
    }
}
