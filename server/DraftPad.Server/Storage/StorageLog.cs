namespace DraftPad.Server.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(1, LogLevel.Error, "A storage write failed; the request is reported as failed and nothing was acknowledged.")]
    public static partial void WriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "Embedded store at {Path}.")]
    public static partial void Opened(ILogger logger, string path);

    [LoggerMessage(3, LogLevel.Information, "Pad {PadId} compacted: {Updates} updates folded into a snapshot of {Bytes} bytes.")]
    public static partial void Compacted(ILogger logger, string padId, int updates, int bytes);
}
