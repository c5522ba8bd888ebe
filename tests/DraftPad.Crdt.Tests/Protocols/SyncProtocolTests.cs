using DraftPad.Crdt.Encoding;
using DraftPad.Crdt.Protocols;

namespace DraftPad.Crdt.Tests.Protocols;

public class SyncProtocolTests
{
    private static YDoc NewDoc(ulong clientId) => new(new YDocOptions { ClientId = clientId });

    [Fact]
    public void EmptyDocumentFramesAreSpecVector10_14()
    {
        var doc = NewDoc(1);
        Assert.Equal("00 00 01 00", Hex.Format(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(doc))));
        Assert.Equal("00 01 02 00 00", Hex.Format(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep2(doc, [0]))));

        var step1 = YMessage.Parse(Hex.Parse("00 00 01 00"));
        Assert.Equal(YMessageKind.Sync, step1.Kind);
        Assert.Equal(SyncMessageType.Step1, step1.SyncType);
        Assert.Equal([0], step1.Payload);
        Assert.False(step1.ContainsWrites);

        var step2 = YMessage.Parse(Hex.Parse("00 01 02 00 00"));
        Assert.Equal(SyncMessageType.Step2, step2.SyncType);
        Assert.Equal([0, 0], step2.Payload);
        Assert.True(step2.ContainsWrites);
    }

    [Fact]
    public void ConstantsMatchTheWire()
    {
        Assert.Equal(0, SyncProtocol.Step1);
        Assert.Equal(1, SyncProtocol.Step2);
        Assert.Equal(2, SyncProtocol.Update);
        Assert.Equal((int)SyncMessageType.Update, SyncProtocol.Update);
        Assert.Equal("02 03 01 02 03", Hex.Format(SyncProtocol.EncodeUpdate([1, 2, 3])));
    }

    /// <summary>Frames travel as bytes only; the server side mirrors y-websocket's server.</summary>
    [Fact]
    public void ClientServerHandshakeConvergesUsingOnlyMessages()
    {
        var server = NewDoc(1);
        var client = NewDoc(2);
        server.GetText("content").Insert(0, "## Newsletter\n");
        server.GetMap("meta").Set("title", "Issue 1");
        client.GetText("content").Insert(0, "offline edit ");

        // Client connects: sends step 1.
        var toServer = new Queue<byte[]>();
        var toClient = new Queue<byte[]>();
        toServer.Enqueue(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(client)));
        // Server on connection: sends its own step 1.
        toClient.Enqueue(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(server)));

        // From now on every local transaction is sent as an update message.
        server.UpdateV1 += (_, e) => { if (e.Origin is not "client") toClient.Enqueue(YMessage.EncodeSync(SyncProtocol.EncodeUpdate(e.Update))); };
        client.UpdateV1 += (_, e) => { if (e.Origin is not "server") toServer.Enqueue(YMessage.EncodeSync(SyncProtocol.EncodeUpdate(e.Update))); };

        void Pump()
        {
            while (toServer.Count > 0 || toClient.Count > 0)
            {
                if (toServer.TryDequeue(out var f)) Deliver(server, f, "client", toClient);
                if (toClient.TryDequeue(out var g)) Deliver(client, g, "server", toServer);
            }
        }

        static void Deliver(YDoc doc, byte[] frame, string origin, Queue<byte[]> replies)
        {
            var message = YMessage.Parse(frame);
            Assert.Equal(YMessageKind.Sync, message.Kind);
            var reply = SyncProtocol.HandleSyncMessage(doc, message.Sync!, origin);
            Assert.Equal(message.SyncType == SyncMessageType.Step1, reply != null);
            if (reply != null) replies.Enqueue(YMessage.EncodeSync(reply));
        }

        Pump();
        Assert.Equal(server.GetText("content").ToString(), client.GetText("content").ToString());
        Assert.Contains("offline edit", server.GetText("content").ToString());
        Assert.Equal(server.EncodeStateVector(), client.EncodeStateVector());
        Assert.Equal(server.EncodeStateAsUpdate(), client.EncodeStateAsUpdate());

        // Incremental edits on both sides.
        client.GetText("content").Insert(0, "X");
        server.GetText("content").Insert(server.GetText("content").Length, "!");
        server.GetText("content").Delete(0, 1);
        Pump();
        Assert.Equal(server.GetText("content").ToString(), client.GetText("content").ToString());
        Assert.Equal(server.EncodeStateAsUpdate(), client.EncodeStateAsUpdate());
        Assert.Equal("Issue 1", client.GetMap("meta").Get("title"));
    }

    [Fact]
    public void ReadingDoesNotApply()
    {
        var source = NewDoc(1);
        source.GetText("t").Insert(0, "abc");
        var target = NewDoc(2);
        var frame = YMessage.EncodeSync(SyncProtocol.EncodeSyncStep2(source, [0]));
        var reader = new Lib0Reader(frame);
        Assert.Equal(0UL, reader.ReadVarUint());
        var message = SyncProtocol.ReadSyncMessage(reader);
        Assert.False(reader.HasContent);
        Assert.Equal(SyncMessageType.Step2, message.Type);
        Assert.Equal(source.EncodeStateAsUpdate(), message.Payload);
        Assert.Equal("", target.GetText("t").ToString());

        Assert.Null(SyncProtocol.HandleSyncMessage(target, message, "origin"));
        Assert.Equal("abc", target.GetText("t").ToString());
    }

    [Fact]
    public void UpdatesAreAppliedWithTheGivenOrigin()
    {
        var source = NewDoc(1);
        var target = NewDoc(2);
        object? seen = null;
        target.UpdateV1 += (_, e) => seen = e.Origin;
        byte[]? sent = null;
        source.UpdateV1 += (_, e) => sent = SyncProtocol.EncodeUpdate(e.Update);
        source.GetText("t").Insert(0, "hi");
        var origin = new object();
        Assert.Null(SyncProtocol.ReadAndApply(target, sent!, origin));
        Assert.Same(origin, seen);
        Assert.Equal("hi", target.GetText("t").ToString());
    }

    [Fact]
    public void Step1IsAnsweredWithWhatThePeerLacks()
    {
        var server = NewDoc(1);
        server.GetText("t").Insert(0, "ab");
        var peer = NewDoc(2);
        peer.ApplyUpdate(server.EncodeStateAsUpdate());
        server.GetText("t").Insert(2, "c");

        var reply = SyncProtocol.ReadAndApply(server, SyncProtocol.EncodeSyncStep1(peer), null)!;
        var parsed = SyncProtocol.ParseSyncMessage(reply);
        Assert.Equal(SyncMessageType.Step2, parsed.Type);
        Assert.Equal(server.EncodeStateAsUpdate(peer.EncodeStateVector()), parsed.Payload);
        SyncProtocol.HandleSyncMessage(peer, parsed, null);
        Assert.Equal("abc", peer.GetText("t").ToString());

        // Via a reader positioned inside a frame.
        var reader = new Lib0Reader(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(NewDoc(3))));
        reader.ReadVarUint();
        var full = SyncProtocol.ReadAndApply(server, reader, null)!;
        Assert.Equal(SyncProtocol.EncodeSyncStep2(server, [0]), full);
    }

    [Theory]
    [InlineData("", "missing message type")]
    [InlineData("03 00", "unknown message type 3")]
    [InlineData("ff ff ff ff ff ff ff ff 7f", "Sync message: Integer out of range")]
    [InlineData("02", "missing payload")]
    [InlineData("02 05 01 02", "payload claims 5 bytes but only 2 remain")]
    [InlineData("00 00", "State vector: empty")]
    [InlineData("00 02 05 01", "State vector: claims 5 entries")]
    [InlineData("00 03 01 85 81", "State vector: Unexpected end of input")]
    [InlineData("00 04 01 05 01 09", "State vector: 1 unexpected bytes after 1 entries")]
    [InlineData("00 01 00 00", "unexpected bytes after the payload")]
    [InlineData("01 00 00", "unexpected bytes after the payload")]
    public void MalformedSyncMessagesAreRejected(string hex, string messagePart)
    {
        var e = Assert.Throws<YjsDecodeException>(() => SyncProtocol.ParseSyncMessage(Hex.Parse(hex)));
        Assert.Contains(messagePart, e.Message);
        var doc = NewDoc(1);
        Assert.Throws<YjsDecodeException>(() => SyncProtocol.ReadAndApply(doc, Hex.Parse(hex), null));
        Assert.Equal([0], doc.EncodeStateVector());
    }

    [Theory]
    [InlineData("01 01 05 00 04 01")] // truncated struct section
    [InlineData("01 01 01 00 04 01 01 74 02 61 62")] // missing delete set
    [InlineData("01 01 01 00 1f 01 01 74 00")] // content ref 31 does not exist
    public void MalformedUpdatesInsideValidFramesLeaveTheDocumentUntouched(string updateHex)
    {
        foreach (var type in new[] { SyncMessageType.Step2, SyncMessageType.Update })
        {
            var doc = NewDoc(1);
            doc.GetText("t").Insert(0, "keep me");
            var before = doc.EncodeStateAsUpdate();
            var events = 0;
            doc.UpdateV1 += (_, _) => events++;
            var message = YMessage.Parse(YMessage.EncodeSync(SyncProtocol.Encode(type, Hex.Parse(updateHex))));
            Assert.True(message.ContainsWrites);
            Assert.Throws<YjsDecodeException>(() => SyncProtocol.HandleSyncMessage(doc, message.Sync!, null));
            Assert.Equal(before, doc.EncodeStateAsUpdate());
            Assert.Equal("keep me", doc.GetText("t").ToString());
            Assert.False(doc.HasPending);
            Assert.Equal(0, events);
        }
    }
}
