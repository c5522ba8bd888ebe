using DraftPad.Server.Access;
using DraftPad.Server.Guards;
using DraftPad.Server.Pads;
using Microsoft.AspNetCore.SignalR;

namespace DraftPad.Server.Hub;

/// <summary>What the hub remembers about one connection (kept in <see cref="HubCallerContext.Items"/>).</summary>
internal sealed class HubConnectionState(PadUser user, ConnectionRateLimiter rateLimiter)
{
    private static readonly object Key = new();

    public PadUser User { get; } = user;

    public ConnectionRateLimiter RateLimiter { get; } = rateLimiter;

    /// <summary>Pads joined; hub invocations of one connection run one at a time, so no lock is needed.</summary>
    public HashSet<PadId> JoinedPads { get; } = [];

    public static void Attach(HubCallerContext context, PadUser user, ConnectionRateLimiter limiter) =>
        context.Items[Key] = new HubConnectionState(user, limiter);

    public static HubConnectionState Of(HubCallerContext context) => (HubConnectionState)context.Items[Key]!;
}
