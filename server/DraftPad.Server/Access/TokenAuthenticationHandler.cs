using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DraftPad.Server.Access;

/// <summary>
/// Authenticates configured tokens: <c>Authorization: Bearer</c> on any request, or the
/// <c>access_token</c> query parameter on the hub (browsers cannot set headers on WebSockets).
/// No token means anonymous; an unknown token fails (401), it never silently becomes anonymous.
/// </summary>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    IOptionsMonitor<AccessOptions> access,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DraftPadToken";
    public const string RoleClaim = ClaimTypes.Role;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(Request);
        if (token is null) return Task.FromResult(AuthenticateResult.NoResult());
        var match = Find(access.CurrentValue.Tokens, token);
        if (match is null) return Task.FromResult(AuthenticateResult.Fail("The access token is not valid."));
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, match.Name), new Claim(RoleClaim, match.Role.ToString())],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    internal static string? ReadToken(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }
        if (request.Path.StartsWithSegments("/hubs") && request.Query.TryGetValue("access_token", out var query) && query.Count > 0)
        {
            return query[0];
        }
        return null;
    }

    /// <summary>Compares hashes in constant time, so response timing does not leak how much of a guess was right.</summary>
    private static AccessToken? Find(IEnumerable<AccessToken> tokens, string candidate)
    {
        var candidateHash = SHA256.HashData(Encoding.UTF8.GetBytes(candidate));
        AccessToken? found = null;
        foreach (var token in tokens)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token.Token));
            if (CryptographicOperations.FixedTimeEquals(hash, candidateHash)) found = token;
        }
        return found;
    }
}
