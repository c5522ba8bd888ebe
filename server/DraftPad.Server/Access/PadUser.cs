using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace DraftPad.Server.Access;

/// <summary>The caller as the pads see it: a name (for logs) and a role.</summary>
public sealed record PadUser(string Name, PadRole Role)
{
    /// <summary>True for maintainers.</summary>
    public bool IsMaintainer => Role == PadRole.Maintainer;

    /// <summary>Resolves the authenticated principal, or the anonymous user's role from <paramref name="access"/>.</summary>
    public static PadUser From(ClaimsPrincipal? principal, AccessOptions access)
    {
        if (principal?.Identity is { IsAuthenticated: true } identity
            && Enum.TryParse<PadRole>(principal.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return new PadUser(identity.Name ?? "token", role);
        }
        return new PadUser("anonymous", access.AnonymousEditing ? PadRole.Contributor : PadRole.Reader);
    }
}

/// <summary>Turns the request's principal into a <see cref="PadUser"/>.</summary>
public sealed class PadUserResolver(IOptionsMonitor<AccessOptions> access)
{
    /// <summary>The user behind <paramref name="principal"/>.</summary>
    public PadUser Resolve(ClaimsPrincipal? principal) => PadUser.From(principal, access.CurrentValue);
}
