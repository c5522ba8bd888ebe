using System.ComponentModel.DataAnnotations;

namespace DraftPad.Server.Access;

/// <summary>Who may do what (section <c>Access</c>; see docs/configuration.md).</summary>
public sealed class AccessOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Access";

    /// <summary>
    /// When true (the default, as the pad is today) anyone without a token may edit open pads;
    /// when false they may only read and show presence.
    /// </summary>
    public bool AnonymousEditing { get; set; } = true;

    /// <summary>Known tokens: maintainers, bots and named contributors.</summary>
    public List<AccessToken> Tokens { get; set; } = [];
}

/// <summary>One configured token.</summary>
public sealed class AccessToken
{
    /// <summary>Who holds it (shown in logs and as the user name; never the token itself).</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>The secret: at least 16 characters.</summary>
    [Required, MinLength(16)]
    public string Token { get; set; } = "";

    /// <summary>The holder's role.</summary>
    public PadRole Role { get; set; } = PadRole.Contributor;
}

/// <summary>Roles, from least to most trusted.</summary>
public enum PadRole
{
    /// <summary>May read pads and show presence, not edit (anonymous users when anonymous editing is off).</summary>
    Reader,

    /// <summary>May edit the content of open pads.</summary>
    Contributor,

    /// <summary>An automation: edits open pads like a contributor and may export (the exporter).</summary>
    Bot,

    /// <summary>May edit any pad, closed ones too, change a pad's status and release date, create pads for any month.</summary>
    Maintainer,
}
