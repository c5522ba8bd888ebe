using System.Text.Json.Nodes;
using DraftPad.Crdt.Encoding;
using DraftPad.Crdt.Protocols;
using DraftPad.Testing;

namespace DraftPad.Crdt.Tests.Protocols;

/// <summary>
/// Byte equality with real y-protocols 1.0.7 / yjs 13.6.33: vectors/protocol-vectors.json is written by
/// tests/interop/protocol-vectors.mjs (see its header for the schema; regenerate with
/// <c>node protocol-vectors.mjs</c>, verify with <c>--check</c>).
/// </summary>
public class ProtocolInteropTests
{
    private static readonly Lazy<JsonObject> Vectors = new(() =>
    {
        var path = Path.Combine(SharedData.RepositoryRoot, "tests", "DraftPad.Crdt.Tests", "Protocols", "vectors", "protocol-vectors.json");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Missing {path}; run `node protocol-vectors.mjs` in tests/interop.");
        }
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    });

    private static JsonObject V => Vectors.Value;

    private static byte[] Bytes(JsonNode? hex) => Convert.FromHexString((string)hex!);

    private static string HexOf(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    /// <summary>The document operations of protocol-vectors.mjs (applyOp), one transaction each.</summary>
    private static YDoc MakeDoc(JsonNode? clientId, JsonNode? ops)
    {
        var doc = new YDoc(new YDocOptions { ClientId = (ulong)clientId! });
        foreach (var op in ops!.AsArray()) ApplyOp(doc, op!.AsArray());
        return doc;
    }

    private static void ApplyOp(YDoc doc, JsonArray op)
    {
        switch ((string)op[0]!)
        {
            case "text":
                doc.GetText((string)op[1]!).Insert((int)op[2]!, (string)op[3]!);
                break;
            case "delete":
                doc.GetText((string)op[1]!).Delete((int)op[2]!, (int)op[3]!);
                break;
            case "map":
                doc.GetMap((string)op[1]!).Set((string)op[2]!, JsJson.Parse(op[3]?.ToJsonString() ?? "null"));
                break;
            default:
                throw new InvalidOperationException("Unknown op " + op[0]);
        }
    }

    public static TheoryData<string> SyncFrameNames() => Names(V["sync"]!["frames"]);

    public static TheoryData<string> AwarenessEncodeNames() => Names(V["awareness"]!["encode"]);

    public static TheoryData<string> AwarenessNormalizeNames() => Names(V["awareness"]!["normalize"]);

    private static TheoryData<string> Names(JsonNode? list)
    {
        var data = new TheoryData<string>();
        foreach (var item in list!.AsArray()) data.Add((string)item!["name"]!);
        return data;
    }

    private static JsonObject ByName(JsonNode? list, string name) =>
        list!.AsArray().Single(x => (string)x!["name"]! == name)!.AsObject();

    [Fact]
    public void VectorsComeFromThePinnedPackages()
    {
        Assert.Equal("13.6.33", (string?)V["versions"]!["yjs"]);
        Assert.Equal("1.0.7", (string?)V["versions"]!["y-protocols"]);
        Assert.Equal("0.2.120", (string?)V["versions"]!["lib0"]);
    }

    [Theory]
    [MemberData(nameof(SyncFrameNames))]
    public void SyncFramesAreByteIdentical(string name)
    {
        var v = ByName(V["sync"]!["frames"], name);
        var frame = Bytes(v["frame"]);
        var doc = MakeDoc(v["clientId"], v["ops"]);

        // C# parses the JS frame...
        var parsed = YMessage.Parse(frame);
        Assert.Equal(YMessageKind.Sync, parsed.Kind);
        Assert.Equal((int)v["kind"]!, (int)parsed.Kind);
        Assert.Equal((int)v["syncType"]!, (int)parsed.SyncType!.Value);
        Assert.Equal((string)v["payload"]!, HexOf(parsed.Payload));

        if (parsed.SyncType == SyncMessageType.Step1)
        {
            // ...and encodes the same bytes for the same document.
            Assert.Equal(HexOf(frame), HexOf(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(doc))));
            Assert.Equal(doc.EncodeStateVector(), parsed.Payload);
        }
        else
        {
            var remote = MakeDoc(v["remoteClientId"], v["remoteOps"]);
            Assert.Equal(HexOf(frame), HexOf(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep2(doc, remote.EncodeStateVector()))));
            // Applying the JS step 2 brings the remote up to date.
            var expected = Merged(doc, remote);
            Assert.Null(SyncProtocol.HandleSyncMessage(remote, parsed.Sync!, "js"));
            Assert.Equal(expected.GetText("t").ToString(), remote.GetText("t").ToString());
            Assert.Equal(expected.EncodeStateAsUpdate(), remote.EncodeStateAsUpdate());
        }
    }

    private static YDoc Merged(YDoc a, YDoc b)
    {
        var m = new YDoc(new YDocOptions { ClientId = 99 });
        m.ApplyUpdate(a.EncodeStateAsUpdate());
        m.ApplyUpdate(b.EncodeStateAsUpdate());
        return m;
    }

    [Fact]
    public void UpdateFramesAreByteIdentical()
    {
        var v = V["sync"]!["updates"]!;
        var expected = v["frames"]!.AsArray().Select(f => (string)f!).ToList();
        var doc = new YDoc(new YDocOptions { ClientId = (ulong)v["clientId"]! });
        var sent = new List<string>();
        doc.UpdateV1 += (_, e) => sent.Add(HexOf(YMessage.EncodeSync(SyncProtocol.EncodeUpdate(e.Update))));
        foreach (var op in v["ops"]!.AsArray()) ApplyOp(doc, op!.AsArray());
        Assert.Equal(expected, sent);

        // Replaying the JS frames into a fresh document gives the same document.
        var replica = new YDoc(new YDocOptions { ClientId = 5 });
        foreach (var f in expected)
        {
            var message = YMessage.Parse(Convert.FromHexString(f));
            Assert.True(message.ContainsWrites);
            Assert.Equal(SyncMessageType.Update, message.SyncType);
            Assert.Null(SyncProtocol.HandleSyncMessage(replica, message.Sync!, "js"));
        }
        Assert.Equal(doc.EncodeStateAsUpdate(), replica.EncodeStateAsUpdate());
    }

    [Fact]
    public void HandshakeRepliesAreByteIdentical()
    {
        var v = V["sync"]!["handshake"]!;
        var server = MakeDoc(v["serverClientId"], v["serverOps"]);
        var client = MakeDoc(v["clientClientId"], v["clientOps"]);

        var clientStep1 = YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(client));
        Assert.Equal((string)v["clientStep1"]!, HexOf(clientStep1));
        var serverReply = YMessage.EncodeSync(SyncProtocol.HandleSyncMessage(server, YMessage.Parse(clientStep1).Sync!, "client")!);
        Assert.Equal((string)v["serverReply"]!, HexOf(serverReply));
        Assert.Null(SyncProtocol.HandleSyncMessage(client, YMessage.Parse(serverReply).Sync!, "server"));

        var serverStep1 = YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(server));
        Assert.Equal((string)v["serverStep1"]!, HexOf(serverStep1));
        var clientReply = YMessage.EncodeSync(SyncProtocol.HandleSyncMessage(client, YMessage.Parse(serverStep1).Sync!, "server")!);
        Assert.Equal((string)v["clientReply"]!, HexOf(clientReply));
        Assert.Null(SyncProtocol.HandleSyncMessage(server, YMessage.Parse(clientReply).Sync!, "client"));

        Assert.Equal((string)v["text"]!, server.GetText("t").ToString());
        Assert.Equal((string)v["text"]!, client.GetText("t").ToString());
        Assert.Equal((string)v["state"]!, HexOf(server.EncodeStateAsUpdate()));
        Assert.Equal((string)v["state"]!, HexOf(client.EncodeStateAsUpdate()));
    }

    [Theory]
    [MemberData(nameof(AwarenessEncodeNames))]
    public void AwarenessUpdatesAreByteIdentical(string name)
    {
        var v = ByName(V["awareness"]!["encode"], name);
        var clientId = (ulong)v["clientId"]!;
        var awareness = new Awareness(clientId);
        awareness.SetLocalState(new JsonObject()); // the JS constructor's initial state
        foreach (var text in v["setStates"]!.AsArray()) awareness.SetLocalState(JsonNode.Parse((string)text!));
        var update = Awareness.EncodeUpdate(awareness, [clientId]);
        Assert.Equal((string)v["update"]!, HexOf(update));
        Assert.Equal((string)v["frame"]!, HexOf(YMessage.EncodeAwareness(update)));

        var parsed = YMessage.Parse(Bytes(v["frame"]));
        Assert.Equal(YMessageKind.Awareness, parsed.Kind);
        Assert.Equal(update, parsed.Payload);
        var entry = Assert.Single(parsed.AwarenessUpdate!.Entries);
        Assert.Equal(clientId, entry.ClientId);
        Assert.Equal(awareness.Meta[clientId].Clock, entry.Clock);
        // A receiver re-encodes it unchanged.
        var receiver = new Awareness(1);
        receiver.Apply(parsed.AwarenessUpdate, "js");
        if (entry.Clock > 0) Assert.Equal(HexOf(update), HexOf(Awareness.EncodeUpdate(receiver, [clientId])));
    }

    [Theory]
    [MemberData(nameof(AwarenessNormalizeNames))]
    public void ReceivedStatesAreReencodedLikeJs(string name)
    {
        var v = ByName(V["awareness"]!["normalize"], name);
        var input = Bytes(v["input"]);
        var awareness = new Awareness(99);
        awareness.ApplyUpdate(input, "remote");
        var clients = AwarenessUpdate.Parse(input).Entries.Select(e => e.ClientId).ToList();
        Assert.Equal((string)v["output"]!, HexOf(Awareness.EncodeUpdate(awareness, clients)));

        // modifyAwarenessUpdate with the script's function: objects get "server": true.
        var modified = Awareness.ModifyUpdate(input, s =>
        {
            if (s is JsonObject o) o["server"] = true;
            return s;
        });
        Assert.Equal((string)v["modified"]!, HexOf(modified));
    }

    [Fact]
    public void AwarenessScenarioMatchesJsEventsAndEncodings()
    {
        var v = V["awareness"]!["scenario"]!;
        var awareness = new Awareness((ulong)v["clientId"]!);
        awareness.SetLocalState(JsonNode.Parse((string)v["initialState"]!));
        var events = new List<string>();
        static string Format(string kind, AwarenessChangeEventArgs e) =>
            $"{kind} added=[{string.Join(",", e.Added)}] updated=[{string.Join(",", e.Updated)}] removed=[{string.Join(",", e.Removed)}] origin={e.Origin}";
        awareness.Changed += (_, e) => events.Add(Format("change", e));
        awareness.Updated += (_, e) => events.Add(Format("update", e));

        var index = 0;
        foreach (var step in v["steps"]!.AsArray())
        {
            var op = (string)step!["op"]!;
            switch (op)
            {
                case "setLocal":
                    awareness.SetLocalState(JsonNode.Parse((string)step["json"]!));
                    break;
                case "setLocalField":
                    awareness.SetLocalStateField((string)step["field"]!, JsonNode.Parse((string)step["json"]!));
                    break;
                case "apply":
                    awareness.ApplyUpdate(Bytes(step["update"]), (string?)step["origin"]);
                    break;
                case "remove":
                    awareness.RemoveStates(step["clients"]!.AsArray().Select(c => (ulong)c!), (string?)step["origin"]);
                    break;
                default:
                    throw new InvalidOperationException(op);
            }
            var expectedEvents = step["events"]!.AsArray().Select(e =>
                $"{(string)e!["event"]!} added=[{Join(e["added"])}] updated=[{Join(e["updated"])}] removed=[{Join(e["removed"])}] origin={(string?)e["origin"]}");
            var where = $"step {index} ({op} {step["update"] ?? step["json"] ?? step["clients"]?.ToJsonString()})";
            Assert.True(expectedEvents.SequenceEqual(events), $"{where}: expected {string.Join("; ", expectedEvents)} but got {string.Join("; ", events)}");
            Assert.True((string)step["states"]! == HexOf(Awareness.EncodeUpdate(awareness, awareness.GetStates().Keys)), $"{where}: states differ");
            Assert.True((string)step["meta"]! == HexOf(Awareness.EncodeUpdate(awareness, awareness.Meta.Keys)), $"{where}: meta differs");
            Assert.Equal((string)step["localState"]!, awareness.GetLocalStateJson() ?? "null");
            events.Clear();
            index++;
        }
    }

    private static string Join(JsonNode? list) => string.Join(",", list!.AsArray().Select(x => (ulong)x!));

    [Fact]
    public void QueryAwarenessAndAuthFramesAreByteIdentical()
    {
        Assert.Equal((string)V["other"]!["queryAwareness"]!, HexOf(YMessage.EncodeQueryAwareness()));
        foreach (var item in V["other"]!["authDenied"]!.AsArray())
        {
            var reason = (string)item!["reason"]!;
            Assert.Equal((string)item["frame"]!, HexOf(YMessage.EncodeAuthPermissionDenied(reason)));
            var parsed = YMessage.Parse(Bytes(item["frame"]));
            Assert.Equal(YMessageKind.Auth, parsed.Kind);
            Assert.Equal(reason, parsed.AuthReason);
        }
    }
}
