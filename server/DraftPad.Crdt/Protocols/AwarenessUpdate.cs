using System.Text.Json.Nodes;

namespace DraftPad.Crdt.Protocols;

/// <summary>
/// One entry of an awareness update: a client's state at a clock. The state is held as the text JS
/// <c>JSON.stringify</c> produces for it (<see cref="Json"/>); <c>null</c> means the client is gone.
/// </summary>
public sealed class AwarenessUpdateEntry
{
    internal AwarenessUpdateEntry(JsonState state, ulong clientId, long clock)
    {
        ClientId = clientId;
        Clock = clock;
        StateData = state;
    }

    /// <summary>Creates an entry from a JSON node (null = removal).</summary>
    /// <param name="clientId">The client the entry belongs to (at most 2^53-1).</param>
    /// <param name="clock">The client's awareness clock (0 to 2^53-1).</param>
    /// <param name="state">The state; its JSON text is produced like JS <c>JSON.stringify</c>.</param>
    public AwarenessUpdateEntry(ulong clientId, long clock, JsonNode? state)
        : this(JsonState.FromNode(state), CheckClient(clientId), CheckClock(clock))
    {
    }

    /// <summary>Creates an entry from JSON text, normalised as a JS peer would (<c>JSON.stringify(JSON.parse(json))</c>).</summary>
    /// <param name="clientId">The client the entry belongs to (at most 2^53-1).</param>
    /// <param name="clock">The client's awareness clock (0 to 2^53-1).</param>
    /// <param name="json">The state as JSON text; <c>"null"</c> is a removal.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="YjsDecodeException"><paramref name="json"/> is not valid JSON.</exception>
    public static AwarenessUpdateEntry FromJson(ulong clientId, long clock, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new AwarenessUpdateEntry(JsonState.FromJson(json), CheckClient(clientId), CheckClock(clock));
    }

    /// <summary>The client id.</summary>
    public ulong ClientId { get; }

    /// <summary>The client's awareness clock.</summary>
    public long Clock { get; }

    /// <summary>The state exactly as JS <c>JSON.stringify</c> writes it (<c>"null"</c> for a removal).</summary>
    public string Json => StateData.Json;

    /// <summary>A fresh copy of the state as a JSON node (null for a removal); changing it changes nothing here.</summary>
    public JsonNode? State => StateData.ToNode();

    /// <summary>Whether this entry marks the client as gone (state <c>null</c>).</summary>
    public bool IsRemoval => StateData.IsNull;

    internal JsonState StateData { get; }

    private static ulong CheckClient(ulong clientId) =>
        clientId <= (ulong)Lib0Reader.MaxSafeInteger ? clientId : throw new ArgumentOutOfRangeException(nameof(clientId), "Client ids are at most 2^53-1.");

    private static long CheckClock(long clock) =>
        clock is >= 0 and <= Lib0Reader.MaxSafeInteger ? clock : throw new ArgumentOutOfRangeException(nameof(clock), "Clocks are between 0 and 2^53-1.");
}

/// <summary>
/// A decoded awareness update (y-protocols 1.0.7 awareness, spec 6.3):
/// <code>varUint n • n × (varUint clientID • varUint clock • varString(JSON.stringify(state)))</code>
/// Parsing is strict and complete (every entry, every JSON text, no trailing bytes), so a caller can
/// reject a bad update before anything is applied.
/// </summary>
public sealed class AwarenessUpdate
{
    private AwarenessUpdate(IReadOnlyList<AwarenessUpdateEntry> entries) => Entries = entries;

    /// <summary>The entries in wire order.</summary>
    public IReadOnlyList<AwarenessUpdateEntry> Entries { get; }

    /// <summary>Decodes a complete awareness update.</summary>
    /// <param name="update">The encoded update.</param>
    /// <returns>The decoded update.</returns>
    /// <exception cref="YjsDecodeException">Truncated input, an impossible entry count, invalid JSON, or bytes after the last entry.</exception>
    public static AwarenessUpdate Parse(byte[] update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var reader = new Lib0Reader(update);
        var result = Read(reader);
        if (reader.HasContent)
        {
            throw new YjsDecodeException($"Awareness update: {reader.Remaining} unexpected bytes after {result.Entries.Count} entries.");
        }
        return result;
    }

    /// <summary>Reads one awareness update from <paramref name="reader"/>; bytes after it are left unread.</summary>
    /// <param name="reader">Positioned at the entry count.</param>
    /// <returns>The decoded update.</returns>
    /// <exception cref="YjsDecodeException">Truncated input, an impossible entry count or invalid JSON.</exception>
    public static AwarenessUpdate Read(Lib0Reader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ulong index = 0;
        try
        {
            if (!reader.HasContent) throw new YjsDecodeException("Awareness update: empty (expected the entry count).");
            var count = reader.ReadVarUint();
            // An entry takes at least 3 bytes (client, clock, string length) and its JSON at least one more.
            if (count > (ulong)reader.Remaining / 4)
            {
                throw new YjsDecodeException($"Awareness update: claims {count} entries but only {reader.Remaining} bytes remain.");
            }
            var entries = new AwarenessUpdateEntry[(int)count];
            for (; index < count; index++)
            {
                var client = reader.ReadVarUint();
                var clock = (long)reader.ReadVarUint();
                var json = reader.ReadVarString();
                entries[index] = new AwarenessUpdateEntry(JsonState.FromJson(json), client, clock);
            }
            return new AwarenessUpdate(entries);
        }
        catch (YjsDecodeException e) when (!e.Message.StartsWith("Awareness update", StringComparison.Ordinal))
        {
            throw new YjsDecodeException($"Awareness update: entry {index}: {e.Message}", e);
        }
    }

    /// <summary>Encodes entries as an awareness update (duplicates are kept, in order).</summary>
    /// <param name="entries">The entries.</param>
    /// <returns>The encoded update.</returns>
    public static byte[] Encode(IEnumerable<AwarenessUpdateEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries as IReadOnlyCollection<AwarenessUpdateEntry> ?? entries.ToList();
        var writer = new Lib0Writer();
        writer.WriteVarUint((ulong)list.Count);
        foreach (var e in list) Write(writer, e.ClientId, e.Clock, e.Json);
        return writer.ToArray();
    }

    internal static void Write(Lib0Writer writer, ulong client, long clock, string json)
    {
        writer.WriteVarUint(client);
        writer.WriteVarUint((ulong)clock);
        writer.WriteVarString(json);
    }
}
