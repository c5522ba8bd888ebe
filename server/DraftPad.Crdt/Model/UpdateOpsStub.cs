#if DRAFTPAD_STUB
namespace DraftPad.Crdt.Model;
internal static class UpdateOps
{
    public static byte[] MergeUpdatesV2(IReadOnlyList<byte[]> updates) => throw new NotImplementedException();
    public static byte[] DiffUpdateV2(byte[] update, byte[] sv) => throw new NotImplementedException();
}
internal static class UpdateConversion
{
    public static byte[] ToV2(byte[] u) => throw new NotImplementedException();
    public static byte[] ToV1(byte[] u) => throw new NotImplementedException();
}
#endif
