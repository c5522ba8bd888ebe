namespace DraftPad.Crdt.Protocols;

/// <summary>One entry of an awareness update: a client's state (null = the client is gone) at a clock.</summary>
public sealed record AwarenessEntry(ulong ClientId, long Clock, object? State)
{
    /// <summary>Whether this entry removes the client.</summary>
    public bool IsRemoval => State is null;
}

/// <summary>
/// An encoded awareness update (y-protocols 1.0.7): varUint n, then n × (varUint clientID •
/// varUint clock • varString(JSON.stringify(state))). States use the JS value model of
/// <see cref="JsJson"/>, so re-encoding produces the bytes a JS peer would.
/// </summary>
public sealed class AwarenessUpdate
{
    private AwarenessUpdate(List<AwarenessEntry> entries) => Entries = entries;

    /// <summary>The entries in wire order.</summary>
    public IReadOnlyList<AwarenessEntry> Entries { get; }

    /// <summary>Parses an update completely; throws <see cref="YjsDecodeException"/> on truncation, bad JSON or trailing bytes.</summary>
    public static AwarenessUpdate Parse(byte[] update)
    {
        var reader = new Lib0Reader(update);
        var count = reader.ReadVarUint();
        // Every entry takes at least three bytes.
        if (count > (ulong)reader.Remaining / 3) throw new YjsDecodeException($"Awareness update claims {count} entries in {reader.Remaining} bytes.");
        var entries = new List<AwarenessEntry>((int)count);
        for (ulong i = 0; i < count; i++)
        {
            var client = reader.ReadVarUint();
            var clock = (long)reader.ReadVarUint();
            var json = reader.ReadVarString();
            entries.Add(new AwarenessEntry(client, clock, JsJson.Parse(json)));
        }
        if (reader.HasContent) throw new YjsDecodeException("Unexpected bytes after the awareness update.");
        return new AwarenessUpdate(entries);
    }

    /// <summary>Encodes entries.</summary>
    public static byte[] Encode(IEnumerable<AwarenessEntry> entries)
    {
        var list = entries.ToList();
        var writer = new Lib0Writer();
        writer.WriteVarUint((ulong)list.Count);
        foreach (var e in list)
        {
            writer.WriteVarUint(e.ClientId);
            writer.WriteVarUint((ulong)e.Clock);
            writer.WriteVarString(JsJson.Stringify(e.State) ?? "null");
        }
        return writer.ToArray();
    }
}
