using DraftPad.Crdt.Protocols;

namespace DraftPad.Crdt.Tests.Protocols;

public class SyncProtocolTests
{
    [Fact]
    public void EmptyDocumentFramesMatchYWebsocket()
    {
        // Spec vector 10.14 (produced by y-protocols 1.0.7).
        var doc = new YDoc(new YDocOptions { ClientId = 1 });
        Assert.Equal("00 00 01 00", Hex.Format(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(doc))));
        Assert.Equal("00 01 02 00 00", Hex.Format(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep2(doc, [0]))));
    }

    [Fact]
    public void ClientServerHandshakeConverges()
    {
        var server = new YDoc(new YDocOptions { ClientId = 1 });
        var client = new YDoc(new YDocOptions { ClientId = 2 });
        server.GetText("content").Insert(0, "## Newsletter\n");
        client.GetText("content").Insert(0, "offline edit ");

        // Client connects: sends step 1; the server answers step 2 and its own step 1.
        var fromClient = YMessage.Parse(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(client)));
        var reply = SyncProtocol.Handle(server, fromClient.Sync!, "client");
        Assert.NotNull(reply);
        Assert.Null(SyncProtocol.Handle(client, SyncProtocol.Parse(reply!), "server"));
        var serverStep1 = SyncProtocol.Parse(SyncProtocol.EncodeSyncStep1(server));
        var clientReply = SyncProtocol.Handle(client, serverStep1, "server")!;
        SyncProtocol.Handle(server, SyncProtocol.Parse(clientReply), "client");

        Assert.Equal(server.GetText("content").ToString(), client.GetText("content").ToString());
        Assert.Equal(server.EncodeStateAsUpdate(), client.EncodeStateAsUpdate());

        // Then incremental updates travel as update messages.
        byte[]? frame = null;
        client.UpdateV1 += (_, e) => frame = YMessage.EncodeSync(SyncProtocol.EncodeUpdate(e.Update));
        client.GetText("content").Insert(0, "X");
        var parsed = YMessage.Parse(frame!);
        Assert.True(parsed.ContainsWrites);
        SyncProtocol.Handle(server, parsed.Sync!, "client");
        Assert.Equal(client.GetText("content").ToString(), server.GetText("content").ToString());
    }

    [Theory]
    [InlineData("", "Empty message")]
    [InlineData("07", "Unknown message type 7")]
    [InlineData("00 05 00", "Unknown sync message type 5")]
    [InlineData("00 02 05 01 02", "")] // truncated payload
    [InlineData("00 00 01 00 ff", "unexpected bytes")]
    [InlineData("00 00 02 05 01", "")] // state vector entry truncated
    [InlineData("02 01", "Unknown auth message type 1")]
    [InlineData("01 03 01 07 01", "")] // awareness payload truncated
    [InlineData("03 00", "unexpected bytes")]
    public void MalformedFramesAreRejectedWithAClearError(string hex, string messagePart)
    {
        var e = Assert.Throws<YjsDecodeException>(() => YMessage.Parse(Hex.Parse(hex)));
        Assert.Contains(messagePart, e.Message);
    }

    [Fact]
    public void MalformedUpdateInsideAValidFrameLeavesTheDocumentUntouched()
    {
        var doc = new YDoc(new YDocOptions { ClientId = 1 });
        doc.GetText("t").Insert(0, "keep me");
        var before = doc.EncodeStateAsUpdate();
        var message = YMessage.Parse(YMessage.EncodeSync(SyncProtocol.EncodeUpdate([0x01, 0x01, 0x05, 0x00, 0x04, 0x01])));
        Assert.Throws<YjsDecodeException>(() => SyncProtocol.Handle(doc, message.Sync!, null));
        Assert.Equal(before, doc.EncodeStateAsUpdate());
    }

    [Fact]
    public void AuthAndQueryAwarenessRoundTrip()
    {
        Assert.Equal("closed pad", YMessage.Parse(YMessage.EncodeAuthPermissionDenied("closed pad")).AuthDeniedReason);
        Assert.Equal(YMessageKind.QueryAwareness, YMessage.Parse(YMessage.EncodeQueryAwareness()).Kind);
    }
}
