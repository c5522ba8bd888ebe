using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DraftPad.FakeGitHub.Git;
using Microsoft.AspNetCore.Http;

namespace DraftPad.FakeGitHub.Api;

/// <summary>Response bodies in the shapes of GitHub's REST API (the fields Octokit and common clients read).</summary>
internal sealed class GitHubJson(Uri baseAddress, string owner, string repository)
{
    private readonly string _api = baseAddress + "api/v3/";
    private readonly string _web = baseAddress.ToString();

    public const string Docs = "https://docs.github.com/rest";

    public string RepoApi => $"{_api}repos/{owner}/{repository}";

    public string RepoWeb => $"{_web}{owner}/{repository}";

    public static IResult Json(JsonNode node, int status = 200) =>
        Results.Text(node.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8, status);

    /// <summary>GitHub's error shape: message, optional errors, documentation_url, status.</summary>
    public static IResult Error(int status, string message, string documentation = Docs, JsonArray? errors = null)
    {
        var body = new JsonObject { ["message"] = message };
        if (errors != null) body["errors"] = errors;
        body["documentation_url"] = documentation;
        body["status"] = status.ToString(CultureInfo.InvariantCulture);
        return Json(body, status);
    }

    public static IResult NotFound(string documentation = Docs) => Error(404, "Not Found", documentation);

    public static IResult ValidationFailed(string documentation, params JsonObject[] errors) =>
        Error(422, "Validation Failed", documentation, new JsonArray([.. errors]));

    public static string Date(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string NodeId(string prefix, string key) =>
        prefix + "_" + Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=');

    public JsonObject User(string login, string type = "User") => new()
    {
        ["login"] = login,
        ["id"] = StableId(login),
        ["node_id"] = NodeId("U", login),
        ["avatar_url"] = $"{_web}avatars/{login}",
        ["url"] = $"{_api}users/{login}",
        ["html_url"] = $"{_web}{login}",
        ["type"] = type,
        ["site_admin"] = false,
    };

    public JsonObject Repository(string defaultBranch) => new()
    {
        ["id"] = StableId(owner + "/" + repository),
        ["node_id"] = NodeId("R", owner + "/" + repository),
        ["name"] = repository,
        ["full_name"] = owner + "/" + repository,
        ["owner"] = User(owner, "Organization"),
        ["private"] = false,
        ["html_url"] = RepoWeb,
        ["description"] = "The XMPP Standards Foundation's website",
        ["fork"] = false,
        ["url"] = RepoApi,
        ["git_refs_url"] = RepoApi + "/git/refs{/sha}",
        ["pulls_url"] = RepoApi + "/pulls{/number}",
        ["default_branch"] = defaultBranch,
        ["visibility"] = "public",
        ["permissions"] = new JsonObject { ["admin"] = false, ["maintain"] = false, ["push"] = true, ["triage"] = true, ["pull"] = true },
    };

    public JsonObject Reference(string fullRef, string sha, string type = "commit") => new()
    {
        ["ref"] = fullRef,
        ["node_id"] = NodeId("REF", fullRef),
        ["url"] = $"{RepoApi}/git/{fullRef}",
        ["object"] = new JsonObject { ["sha"] = sha, ["type"] = type, ["url"] = $"{RepoApi}/git/{type}s/{sha}" },
    };

    public JsonObject Blob(string sha, byte[] content)
    {
        // GitHub wraps the base64 text at 60 columns, each line ending in a newline.
        var base64 = Convert.ToBase64String(content);
        var wrapped = new StringBuilder();
        for (var i = 0; i < base64.Length; i += 60) wrapped.Append(base64.AsSpan(i, Math.Min(60, base64.Length - i))).Append('\n');
        return new JsonObject
        {
            ["sha"] = sha,
            ["node_id"] = NodeId("B", sha),
            ["size"] = content.Length,
            ["url"] = $"{RepoApi}/git/blobs/{sha}",
            ["content"] = wrapped.ToString(),
            ["encoding"] = "base64",
        };
    }

    public JsonObject Tree(string sha, IEnumerable<GitTreeEntry> entries, bool truncated = false)
    {
        var items = new JsonArray();
        foreach (var e in entries)
        {
            var item = new JsonObject { ["path"] = e.Path, ["mode"] = e.Mode, ["type"] = e.Type, ["sha"] = e.Sha };
            if (e.Size is { } size) item["size"] = size;
            item["url"] = e.Type == "commit" ? null : $"{RepoApi}/git/{e.Type}s/{e.Sha}";
            items.Add(item);
        }
        return new JsonObject { ["sha"] = sha, ["url"] = $"{RepoApi}/git/trees/{sha}", ["tree"] = items, ["truncated"] = truncated };
    }

    public static JsonObject Signature(GitSignature signature) => new()
    {
        ["name"] = signature.Name,
        ["email"] = signature.Email,
        ["date"] = Date(signature.When),
    };

    public static JsonObject Verification(bool verified) => new()
    {
        ["verified"] = verified,
        ["reason"] = verified ? "valid" : "unsigned",
        ["signature"] = null,
        ["payload"] = null,
        ["verified_at"] = null,
    };

    /// <summary>A commit as the Git Data API shows it (<c>/git/commits/{sha}</c>).</summary>
    public JsonObject GitCommit(GitCommit commit, bool verified) => new()
    {
        ["sha"] = commit.Sha,
        ["node_id"] = NodeId("C", commit.Sha),
        ["url"] = $"{RepoApi}/git/commits/{commit.Sha}",
        ["html_url"] = $"{RepoWeb}/commit/{commit.Sha}",
        ["author"] = Signature(commit.Author),
        ["committer"] = Signature(commit.Committer),
        ["tree"] = new JsonObject { ["sha"] = commit.Tree, ["url"] = $"{RepoApi}/git/trees/{commit.Tree}" },
        ["message"] = TrimMessage(commit.Message),
        ["parents"] = new JsonArray([.. commit.Parents.Select(p => (JsonNode)new JsonObject
        {
            ["sha"] = p,
            ["url"] = $"{RepoApi}/git/commits/{p}",
            ["html_url"] = $"{RepoWeb}/commit/{p}",
        })]),
        ["verification"] = Verification(verified),
    };

    /// <summary>A commit as the repository commits and compare APIs show it.</summary>
    public JsonObject RepoCommit(GitCommit commit, bool verified, string? authorLogin) => new()
    {
        ["sha"] = commit.Sha,
        ["node_id"] = NodeId("C", commit.Sha),
        ["url"] = $"{RepoApi}/commits/{commit.Sha}",
        ["html_url"] = $"{RepoWeb}/commit/{commit.Sha}",
        ["comments_url"] = $"{RepoApi}/commits/{commit.Sha}/comments",
        ["commit"] = new JsonObject
        {
            ["url"] = $"{RepoApi}/git/commits/{commit.Sha}",
            ["author"] = Signature(commit.Author),
            ["committer"] = Signature(commit.Committer),
            ["message"] = TrimMessage(commit.Message),
            ["tree"] = new JsonObject { ["sha"] = commit.Tree, ["url"] = $"{RepoApi}/git/trees/{commit.Tree}" },
            ["comment_count"] = 0,
            ["verification"] = Verification(verified),
        },
        ["author"] = authorLogin is null ? null : User(authorLogin),
        ["committer"] = authorLogin is null ? null : User(authorLogin),
        ["parents"] = new JsonArray([.. commit.Parents.Select(p => (JsonNode)new JsonObject
        {
            ["sha"] = p,
            ["url"] = $"{RepoApi}/commits/{p}",
            ["html_url"] = $"{RepoWeb}/commit/{p}",
        })]),
    };

    public JsonObject File(GitFileChange change) => new()
    {
        ["sha"] = change.Sha,
        ["filename"] = change.Path,
        ["status"] = change.Status,
        ["additions"] = change.Additions,
        ["deletions"] = change.Deletions,
        ["changes"] = change.Additions + change.Deletions,
        ["blob_url"] = $"{RepoWeb}/blob/{change.Sha}/{change.Path}",
        ["raw_url"] = $"{RepoWeb}/raw/{change.Sha}/{change.Path}",
        ["contents_url"] = $"{RepoApi}/contents/{change.Path}",
    };

    public JsonObject Label(long id, string name, string color, string? description) => new()
    {
        ["id"] = id,
        ["node_id"] = NodeId("LA", name),
        ["url"] = $"{RepoApi}/labels/{Uri.EscapeDataString(name)}",
        ["name"] = name,
        ["color"] = color,
        ["default"] = false,
        ["description"] = description,
    };

    public JsonObject Branch(string name, GitCommit commit, bool verified) => new()
    {
        ["name"] = name,
        ["commit"] = RepoCommit(commit, verified, null),
        ["_links"] = new JsonObject { ["self"] = $"{RepoApi}/branches/{name}", ["html"] = $"{RepoWeb}/tree/{name}" },
        ["protected"] = false,
        ["protection_url"] = $"{RepoApi}/branches/{name}/protection",
    };

    public JsonObject PullRequestSide(string branch, string sha, string defaultBranch) => new()
    {
        ["label"] = owner + ":" + branch,
        ["ref"] = branch,
        ["sha"] = sha,
        ["user"] = User(owner, "Organization"),
        ["repo"] = Repository(defaultBranch),
    };

    public static long StableId(string key)
    {
        // Stable small positive ids from names (FNV-1a), so the same login always has the same id.
        var hash = 2166136261u;
        foreach (var c in key) hash = (hash ^ c) * 16777619u;
        return hash % 90_000_000 + 1_000_000;
    }

    /// <summary>GitHub shows a message without git's final newline.</summary>
    private static string TrimMessage(string message) => message.EndsWith('\n') ? message[..^1] : message;
}
