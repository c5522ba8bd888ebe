using System.Text;

namespace DraftPad.FakeGitHub;

/// <summary>How a <see cref="FakeGitHubServer"/> starts: the repository, its seed, who may call it.</summary>
public sealed class FakeGitHubOptions
{
    /// <summary>The token every test uses unless it sets its own.</summary>
    public const string DefaultToken = "ghp_FakeTokenForDraftPadTests0123456789";

    /// <summary>Repository owner.</summary>
    public string Owner { get; set; } = "xsf";

    /// <summary>Repository name.</summary>
    public string Repository { get; set; } = "xmpp.org";

    /// <summary>Default branch, seeded with <see cref="Files"/>.</summary>
    public string BaseBranch { get; set; } = "master";

    /// <summary>Files of the first commit on <see cref="BaseBranch"/>.</summary>
    public Dictionary<string, byte[]> Files { get; set; } = DefaultFiles();

    /// <summary>Personal access tokens the server accepts (as <c>Authorization: token ...</c> or <c>Bearer ...</c>).</summary>
    public List<string> Tokens { get; set; } = [DefaultToken];

    /// <summary>The login a personal access token acts as (pull request author, commit author).</summary>
    public string TokenUser { get; set; } = "draftpad-bot";

    /// <summary>Labels the repository has.</summary>
    public List<string> Labels { get; set; } = ["Newsletter :email:", "bug", "enhancement"];

    /// <summary>Users who may be asked for reviews.</summary>
    public List<string> Collaborators { get; set; } = ["wurstsalat3000", "edhelas", "nyco", "draftpad-bot"];

    /// <summary>GitHub App id whose JWTs are accepted (App authentication), when set with <see cref="AppPublicKeyPem"/>.</summary>
    public long? AppId { get; set; }

    /// <summary>The App's installation on the repository.</summary>
    public long InstallationId { get; set; } = 4242;

    /// <summary>The App's public key (PEM) that verifies the RS256 signature of its JWTs.</summary>
    public string? AppPublicKeyPem { get; set; }

    /// <summary>App slug (the bot's login is <c>{slug}[bot]</c>).</summary>
    public string AppSlug { get; set; } = "draftpad-newsletter";

    /// <summary>Lifetime of an installation token (GitHub: one hour).</summary>
    public TimeSpan InstallationTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Number of the first pull request (issues and pulls share numbers).</summary>
    public int FirstNumber { get; set; } = 1700;

    /// <summary>The server's clock: commit dates, token expiry, JWT checks, rate-limit reset times.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Folder for the bare repository; null: a new temporary folder, deleted on dispose.</summary>
    public string? Directory { get; set; }

    /// <summary>A small site in the layout of xsf/xmpp.org: a previous issue, a translation, images, config.</summary>
    public static Dictionary<string, byte[]> DefaultFiles() => new(StringComparer.Ordinal)
    {
        ["README.md"] = Encoding.UTF8.GetBytes("# xmpp.org\n\nThe XMPP Standards Foundation's website (Hugo).\n"),
        ["config/_default/config.json"] = Encoding.UTF8.GetBytes("{\n  \"baseURL\": \"https://xmpp.org/\",\n  \"title\": \"XMPP\"\n}\n"),
        ["content/blog/newsletter/2026-10-05-newsletter.md"] = Encoding.UTF8.GetBytes(
            "---\ntitle: The XMPP Newsletter September 2026\ndate: 2026-10-05\ncategories: ['Newsletter']\n---\n\nWelcome to the XMPP Newsletter, great to have you here again!\nThis issue covers the month of September 2026.\n\n## License\n\nThis newsletter is published under [CC BY-SA license](https://creativecommons.org/licenses/by-sa/4.0/).\n"),
        ["content/blog/newsletter/2026-10-05-newsletter.de.md"] = Encoding.UTF8.GetBytes(
            "---\ntitle: Der XMPP Newsletter September 2026\ndate: 2026-10-05\ncategories: ['Newsletter']\n---\n\nWillkommen zum XMPP Newsletter!\n"),
        ["static/images/newsletter/xmpp_newsletter_banner.jpg"] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9],
        ["static/images/newsletter/2026-10-05/conversations.png"] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52],
    };
}

/// <summary>Kinds of rate limiting the server can simulate.</summary>
public enum RateLimitKind
{
    /// <summary>Primary limit: 403, <c>x-ratelimit-remaining: 0</c>, <c>x-ratelimit-reset</c>, "API rate limit exceeded".</summary>
    Primary,

    /// <summary>Primary limit answered with 429 instead of 403.</summary>
    PrimaryTooManyRequests,

    /// <summary>Secondary limit: 403 with <c>Retry-After</c>, "You have exceeded a secondary rate limit".</summary>
    Secondary,

    /// <summary>Secondary limit answered with 429.</summary>
    SecondaryTooManyRequests,
}

/// <summary>A request as the server saw it (the token itself is never recorded).</summary>
public sealed class LoggedRequest
{
    /// <summary>HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>Path without the <c>/api/v3</c> prefix, decoded, e.g. <c>/repos/xsf/xmpp.org/git/blobs</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Query string, with its leading '?', or "".</summary>
    public required string Query { get; init; }

    /// <summary>Whether the request came under <c>/api/v3/</c> (GitHub Enterprise layout).</summary>
    public bool UnderApiV3 { get; init; }

    /// <summary>token, bearer, or null when no Authorization header was sent.</summary>
    public string? AuthScheme { get; init; }

    /// <summary>Who the credentials turned out to be: "token", "installation", "app", or null.</summary>
    public string? Principal { get; internal set; }

    /// <summary>The response status.</summary>
    public int Status { get; internal set; }

    /// <summary>When (server clock).</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>True for POST, PATCH, PUT and DELETE.</summary>
    public bool IsWrite => Method is not ("GET" or "HEAD");

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Path}{Query} -> {Status}";
}

/// <summary>A pull request as the server keeps it.</summary>
public sealed record FakePullRequest
{
    /// <summary>Number.</summary>
    public required int Number { get; init; }

    /// <summary>Title.</summary>
    public required string Title { get; init; }

    /// <summary>Body.</summary>
    public string? Body { get; init; }

    /// <summary>Head branch (in the same repository).</summary>
    public required string Head { get; init; }

    /// <summary>Base branch.</summary>
    public required string Base { get; init; }

    /// <summary>open or closed.</summary>
    public string State { get; init; } = "open";

    /// <summary>Author login.</summary>
    public required string User { get; init; }

    /// <summary>Label names.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Logins asked for a review.</summary>
    public IReadOnlyList<string> RequestedReviewers { get; init; } = [];

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change of title, body, state, labels or reviewers.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>How many times the pull request was edited through PATCH.</summary>
    public int Edits { get; init; }
}
