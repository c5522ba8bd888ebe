using DraftPad.Crdt.Encoding;
using DraftPad.Crdt.Protocols;

namespace DraftPad.Crdt.Tests.Protocols;

public class YMessageTests
{
    [Fact]
    public void AwarenessFramesCarryALengthPrefixedUpdate()
    {
        var update = Hex.Parse("01 07 02 04 6e 75 6c 6c");
        var frame = YMessage.EncodeAwareness(update);
        Assert.Equal("01 08 01 07 02 04 6e 75 6c 6c", Hex.Format(frame));
        var parsed = YMessage.Parse(frame);
        Assert.Equal(YMessageKind.Awareness, parsed.Kind);
        Assert.Null(parsed.SyncType);
        Assert.Null(parsed.Sync);
        Assert.False(parsed.ContainsWrites);
        Assert.Equal(update, parsed.Payload);
        var entry = Assert.Single(parsed.AwarenessUpdate!.Entries);
        Assert.Equal(7UL, entry.ClientId);
        Assert.Equal(2, entry.Clock);
        Assert.True(entry.IsRemoval);
        Assert.Null(entry.State);
    }

    [Fact]
    public void AuthFramesRoundTrip()
    {
        var frame = YMessage.EncodeAuthPermissionDenied("closed pad ✋");
        Assert.Equal("02 00 0e 63 6c 6f 73 65 64 20 70 61 64 20 e2 9c 8b", Hex.Format(frame));
        var parsed = YMessage.Parse(frame);
        Assert.Equal(YMessageKind.Auth, parsed.Kind);
        Assert.Equal("closed pad ✋", parsed.AuthReason);
        Assert.Equal(AuthProtocol.EncodePermissionDenied("closed pad ✋"), parsed.Payload);
        Assert.Equal("closed pad ✋", AuthProtocol.ParsePermissionDenied(parsed.Payload));
        Assert.False(parsed.ContainsWrites);

        var reader = new Lib0Reader(AuthProtocol.EncodePermissionDenied(""));
        Assert.Equal("", AuthProtocol.ReadPermissionDenied(reader));
        Assert.False(reader.HasContent);
        Assert.Equal(0, AuthProtocol.PermissionDenied);
    }

    [Fact]
    public void QueryAwarenessHasNoPayload()
    {
        Assert.Equal([3], YMessage.EncodeQueryAwareness());
        var parsed = YMessage.Parse(YMessage.EncodeQueryAwareness());
        Assert.Equal(YMessageKind.QueryAwareness, parsed.Kind);
        Assert.Empty(parsed.Payload);
        Assert.False(parsed.ContainsWrites);
    }

    [Theory]
    [InlineData("00 00 01 00", false)]
    [InlineData("00 01 02 00 00", true)]
    [InlineData("00 02 02 00 00", true)]
    [InlineData("01 01 00", false)]
    [InlineData("02 00 00", false)]
    [InlineData("03", false)]
    public void ContainsWritesOnlyForStep2AndUpdate(string hex, bool writes)
    {
        var frame = Hex.Parse(hex);
        Assert.Equal(writes, YMessage.Parse(frame).ContainsWrites);
        // The read-only rule of spec 6.2 (first two bytes) agrees.
        Assert.Equal(writes, frame[0] == 0 && frame[1] != 0);
    }

    [Theory]
    [InlineData("", "Message: empty frame")]
    [InlineData("07", "Message: unknown message type 7")]
    [InlineData("80 01", "Message: unknown message type 128")]
    [InlineData("ff", "Message: unreadable message type")]
    [InlineData("00", "Sync message: missing message type")]
    [InlineData("00 05 00", "Sync message: unknown message type 5")]
    [InlineData("00 01", "Sync message (Step2): missing payload")]
    [InlineData("00 02 05 01 02", "payload claims 5 bytes but only 2 remain")]
    [InlineData("00 02 85", "Sync message: Unexpected end of input")]
    [InlineData("00 00 01 00 ff", "Message (Sync): 1 unexpected bytes after the payload")]
    [InlineData("00 00 02 05 01", "State vector: claims 5 entries")]
    [InlineData("00 00 00", "State vector: empty")]
    [InlineData("01", "Awareness message: missing awareness update")]
    [InlineData("01 05 01 07 01", "Awareness message: truncated awareness update")]
    [InlineData("01 00", "Awareness update: empty")]
    [InlineData("01 03 01 07 01", "Awareness update: claims 1 entries but only 2 bytes remain")]
    [InlineData("01 05 01 07 01 01 7b", "Awareness update: entry 0: Invalid JSON")]
    [InlineData("01 06 01 07 01 01 31 00", "Awareness update: 1 unexpected bytes after 1 entries")]
    [InlineData("01 05 01 07 01 01 31 00", "Message (Awareness): 1 unexpected bytes after the payload")]
    [InlineData("01 05 05 07 01 01 31", "Awareness update: claims 5 entries")]
    [InlineData("02", "Auth message: missing auth message type")]
    [InlineData("02 01", "Auth message: unknown auth message type 1")]
    [InlineData("02 00", "Auth message: missing permission-denied reason")]
    [InlineData("02 00 05 61", "Auth message: Unexpected end of input")]
    [InlineData("02 00 01 61 00", "Message (Auth): 1 unexpected bytes after the payload")]
    [InlineData("03 00", "Message (QueryAwareness): 1 unexpected bytes after the payload")]
    public void MalformedFramesAreRejectedWithAPreciseMessage(string hex, string messagePart)
    {
        var e = Assert.Throws<YjsDecodeException>(() => YMessage.Parse(Hex.Parse(hex)));
        Assert.Contains(messagePart, e.Message);
    }
}
