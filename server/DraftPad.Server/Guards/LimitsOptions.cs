namespace DraftPad.Server.Guards;

/// <summary>Size and rate limits (section <c>Limits</c>; see docs/configuration.md).</summary>
public sealed class LimitsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Limits";

    /// <summary>
    /// Largest SignalR message the hub accepts, in bytes (SignalR's default is 32 KB, too small for
    /// the first sync of a whole month's pad). JSON carries binary as base64, 4/3 the size, so this
    /// is set above <see cref="MaxMessageBytes"/> with room to spare.
    /// </summary>
    public long MaxHubMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest y-protocols message (the <c>message</c> argument of <c>Send</c>), in bytes.</summary>
    public int MaxMessageBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Largest stored size of one pad (snapshot plus log), in bytes; updates beyond it are refused.</summary>
    public long MaxPadBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Messages per second one connection may send, sustained.</summary>
    public int MessagesPerSecond { get; set; } = 60;

    /// <summary>Messages one connection may send in a burst above the sustained rate.</summary>
    public int MessageBurst { get; set; } = 240;

    /// <summary>Largest image attached to a pad, in bytes (newsletter images are 20 KB to 3 MB).</summary>
    public int MaxImageBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Most images one pad may hold.</summary>
    public int MaxImagesPerPad { get; set; } = 40;

    /// <summary>Pads one connection may join at once.</summary>
    public int MaxPadsPerConnection { get; set; } = 16;
}
