using DraftPad.Server.Pads;
using StackExchange.Redis;

namespace DraftPad.Server.Storage.Redis;

/// <summary>
/// The keys of the Redis store (see docs/ARCHITECTURE.md, "Redis"). A pad's keys share the hash
/// tag <c>{YYYY-MM}</c>, so the scripts that touch several of them stay within one slot.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    /// <summary>Set of every pad id.</summary>
    public RedisKey Index { get; } = prefix + "pads";

    /// <summary>Hash: <c>snapshot</c>, <c>upto</c> (last log position the snapshot holds), <c>logBytes</c>, <c>created</c>.</summary>
    public RedisKey Pad(PadId id) => $"{prefix}pad:{{{id}}}";

    /// <summary>Stream: the pad's updates after its snapshot; fields <c>u</c> (update) and <c>n</c> (node).</summary>
    public RedisKey Log(PadId id) => $"{prefix}pad:{{{id}}}:log";

    /// <summary>String with expiry: the token of the node holding the pad's compaction lease.</summary>
    public RedisKey Lease(PadId id) => $"{prefix}pad:{{{id}}}:compaction";

    /// <summary>Hash: image name to bytes.</summary>
    public RedisKey Images(PadId id) => $"{prefix}pad:{{{id}}}:images";

    /// <summary>Hash: image name to content type.</summary>
    public RedisKey ImageTypes(PadId id) => $"{prefix}pad:{{{id}}}:image-types";

    /// <summary>The node bus channel without the prefix (StackExchange.Redis adds its channel prefix).</summary>
    public const string BusChannel = "bus";
}
