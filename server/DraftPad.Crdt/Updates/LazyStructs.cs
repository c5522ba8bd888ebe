namespace DraftPad.Crdt.Updates;

/// <summary>Reads the structs of an encoded update one at a time (Yjs's LazyStructReader).</summary>
internal sealed class LazyStructReader
{
    private readonly IUpdateDecoder _decoder;
    private readonly bool _filterSkips;
    private readonly long _structLimit;
    private int _groupsLeft;
    private int _structsLeft;
    private ulong _client;
    private long _clock;

    public LazyStructReader(IUpdateDecoder decoder, bool filterSkips)
    {
        _decoder = decoder;
        _filterSkips = filterSkips;
        var rest = decoder.RestReader;
        _structLimit = decoder is UpdateDecoderV2 ? Checks.MaxV2Count : 0;
        _groupsLeft = Checks.Count((long)rest.ReadVarUint(), rest);
        Next();
    }

    public AbstractStruct? Curr { get; private set; }

    public AbstractStruct? Next()
    {
        do
        {
            Curr = ReadOne();
        } while (_filterSkips && Curr is Skip);
        return Curr;
    }

    private AbstractStruct? ReadOne()
    {
        var rest = _decoder.RestReader;
        while (_structsLeft == 0)
        {
            if (_groupsLeft == 0) return null;
            _groupsLeft--;
            _structsLeft = _structLimit > 0
                ? Checks.Count((long)rest.ReadVarUint(), _structLimit)
                : Checks.Count((long)rest.ReadVarUint(), rest);
            _client = _decoder.ReadClient();
            _clock = (long)rest.ReadVarUint();
        }
        _structsLeft--;
        var s = StructReader.ReadStruct(_decoder, _client, _clock);
        _clock += s.Length;
        if (_clock > StructReader.MaxClock) throw new YjsDecodeException("Clock overflow in update.");
        return s;
    }
}

/// <summary>
/// Writes structs client by client without knowing the counts in advance (Yjs's LazyStructWriter):
/// each client's part goes to the rest stream, and the counts are spliced in at the end.
/// </summary>
internal sealed class LazyStructWriter(IUpdateEncoder encoder)
{
    private readonly List<(int Written, int Start, int End)> _parts = new();
    private ulong _currClient;
    private int _written;
    private int _partStart;

    public IUpdateEncoder Encoder { get; } = encoder;

    public void Write(AbstractStruct s, int offset)
    {
        if (_written > 0 && _currClient != s.Id.Client) Flush();
        if (_written == 0)
        {
            _currClient = s.Id.Client;
            Encoder.WriteClient(s.Id.Client);
            Encoder.RestWriter.WriteVarUint((ulong)(s.Id.Clock + offset));
        }
        s.Write(Encoder, offset);
        _written++;
    }

    private void Flush()
    {
        if (_written == 0) return;
        var end = Encoder.RestWriter.Length;
        _parts.Add((_written, _partStart, end));
        _partStart = end;
        _written = 0;
    }

    /// <summary>Rewrites the rest stream as: number of clients, then per client its struct count and part.</summary>
    public void Finish()
    {
        Flush();
        var rest = Encoder.RestWriter;
        var parts = rest.ToArray();
        rest.Clear();
        rest.WriteVarUint((ulong)_parts.Count);
        foreach (var (written, start, end) in _parts)
        {
            rest.WriteVarUint((ulong)written);
            rest.WriteUint8Array(parts.AsSpan(start, end - start));
        }
    }
}
