namespace DraftPad.Export.GitHub;

/// <summary>The site repository and how to reach it (section <c>Export:GitHub</c>; see docs/configuration.md).</summary>
public sealed class GitHubOptions
{
    /// <summary>Repository owner.</summary>
    public string Owner { get; set; } = "xsf";

    /// <summary>Repository name.</summary>
    public string Repository { get; set; } = "xmpp.org";

    /// <summary>Branch the pull request targets.</summary>
    public string BaseBranch { get; set; } = "master";

    /// <summary>Export branch name; <c>{month}</c> becomes YYYY-MM.</summary>
    public string BranchTemplate { get; set; } = "newsletter/{month}";

    /// <summary>
    /// API base: <c>https://api.github.com/</c>, or a GitHub Enterprise server's
    /// <c>https://host/api/v3/</c> (a bare <c>https://host/</c> gets <c>api/v3/</c> added).
    /// </summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.github.com/");

    /// <summary>A token (personal access token or fine-grained token). Used unless an App is configured.</summary>
    public string? Token { get; set; }

    /// <summary>GitHub App id (App authentication).</summary>
    public long? AppId { get; set; }

    /// <summary>GitHub App installation id on the repository.</summary>
    public long? InstallationId { get; set; }

    /// <summary>The App's private key (PEM).</summary>
    public string? AppPrivateKeyPem { get; set; }

    /// <summary>Label added to the pull request when the repository has it (never created).</summary>
    public string? Label { get; set; } = "Newsletter :email:";

    /// <summary>Reviewers requested on a new pull request.</summary>
    public List<string> Reviewers { get; set; } = [];

    /// <summary>Attempts per request on rate limits and transient errors.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First back-off delay (doubled per attempt, with jitter) when GitHub gives no Retry-After.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait for one retry; a longer Retry-After fails the export with a clear error instead.</summary>
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The export branch of a month.</summary>
    public string BranchFor(int year, int month) => BranchTemplate.Replace("{month}", $"{year:D4}-{month:D2}", StringComparison.Ordinal);

    /// <summary>True when App authentication is configured.</summary>
    public bool UsesApp => AppId is not null && InstallationId is not null && !string.IsNullOrWhiteSpace(AppPrivateKeyPem);
}
