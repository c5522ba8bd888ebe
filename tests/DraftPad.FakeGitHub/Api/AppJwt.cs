using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DraftPad.FakeGitHub.Api;

/// <summary>Checks a GitHub App JWT as GitHub does: RS256 signature, issuer, iat/exp window of at most 10 minutes.</summary>
internal static class AppJwt
{
    /// <summary>Null when valid, otherwise GitHub's message for the 401.</summary>
    public static string? Validate(string token, string publicKeyPem, long appId, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return "A JSON web token could not be decoded";
        JsonElement header, payload;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(FromBase64Url(parts[0])).RootElement;
            payload = JsonDocument.Parse(FromBase64Url(parts[1])).RootElement;
            signature = FromBase64Url(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return "A JSON web token could not be decoded";
        }
        if (!header.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256") return "A JSON web token could not be decoded";

        using var rsa = RSA.Create();
        rsa.ImportFromPem(publicKeyPem);
        if (!rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "A JSON web token could not be decoded";
        }

        var issuer = payload.TryGetProperty("iss", out var iss)
            ? iss.ValueKind == JsonValueKind.Number ? iss.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : iss.GetString()
            : null;
        if (issuer != appId.ToString(System.Globalization.CultureInfo.InvariantCulture)) return "'Issuer' claim ('iss') must be an Integer";
        if (!payload.TryGetProperty("iat", out var iatElement) || iatElement.ValueKind != JsonValueKind.Number)
        {
            return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
        }
        if (!payload.TryGetProperty("exp", out var expElement) || expElement.ValueKind != JsonValueKind.Number)
        {
            return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
        }
        var iat = iatElement.GetInt64();
        var exp = expElement.GetInt64();
        var nowSeconds = now.ToUnixTimeSeconds();
        if (iat > nowSeconds + 60) return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
        if (exp <= nowSeconds) return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
        if (exp - iat > 600 || exp > nowSeconds + 600) return "'Expiration time' claim ('exp') is too far in the future";
        return null;
    }

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s += (s.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException("Bad base64url.") };
        return Convert.FromBase64String(s);
    }
}
