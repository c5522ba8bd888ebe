using System.Security.Cryptography;
using System.Text;

namespace DraftPad.Export.GitHub;

/// <summary>Git object ids computed locally, so an unchanged file is recognised without uploading it.</summary>
public static class GitObjects
{
    /// <summary>The blob id git gives <paramref name="content"/>: SHA-1 of "blob {length}\0" + content (as <c>git hash-object</c>).</summary>
    public static string BlobSha(ReadOnlySpan<byte> content)
    {
        var header = Encoding.ASCII.GetBytes($"blob {content.Length}\0");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha.AppendData(header);
        sha.AppendData(content);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
