using System.Text;
using System.Text.Json.Nodes;
using DraftPad.FakeGitHub.Api;
using DraftPad.FakeGitHub.Git;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DraftPad.FakeGitHub;

public sealed partial class FakeGitHubServer
{
    private const string DocsBlobs = "https://docs.github.com/rest/git/blobs";
    private const string DocsTrees = "https://docs.github.com/rest/git/trees";
    private const string DocsCommits = "https://docs.github.com/rest/git/commits";
    private const string DocsRefs = "https://docs.github.com/rest/git/refs";
    private const string DocsBranches = "https://docs.github.com/rest/branches/branches#get-a-branch";
    private const string DocsCompare = "https://docs.github.com/rest/commits/commits#compare-two-commits";

    private void MapRoutes(WebApplication app)
    {
        app.MapPost("/app/installations/{id}/access_tokens", CreateInstallationToken);
        app.MapGet("/rate_limit", () => GitHubJson.Json(new JsonObject
        {
            ["resources"] = new JsonObject { ["core"] = new JsonObject { ["limit"] = 5000, ["remaining"] = 4999, ["reset"] = Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(), ["used"] = 1 } },
        }));

        var repo = app.MapGroup("/repos/{owner}/{repo}");
        repo.AddEndpointFilter(async (context, next) =>
        {
            var values = context.HttpContext.Request.RouteValues;
            return string.Equals(values["owner"] as string, Options.Owner, StringComparison.OrdinalIgnoreCase)
                && string.Equals(values["repo"] as string, Options.Repository, StringComparison.OrdinalIgnoreCase)
                ? await next(context)
                : GitHubJson.NotFound("https://docs.github.com/rest/repos/repos#get-a-repository");
        });
        repo.MapGet("", () => GitHubJson.Json(_json.Repository(Options.BaseBranch)));

        repo.MapPost("/git/blobs", ContextHandler(CreateBlob));
        repo.MapGet("/git/blobs/{sha}", GetBlob);
        repo.MapPost("/git/trees", ContextHandler(CreateTree));
        repo.MapGet("/git/trees/{**sha}", GetTree);
        repo.MapPost("/git/commits", ContextHandler(CreateCommit));
        repo.MapGet("/git/commits/{sha}", GetGitCommit);
        repo.MapGet("/git/ref/{**ref}", (string @ref) => GetRef(@ref, exactOnly: true));
        repo.MapGet("/git/refs/{**ref}", (string? @ref) => GetRef(@ref ?? "", exactOnly: false));
        repo.MapGet("/git/matching-refs/{**ref}", MatchingRefs);
        repo.MapPost("/git/refs", ContextHandler(CreateRef));
        repo.MapPatch("/git/refs/{**ref}", UpdateRef);
        repo.MapDelete("/git/refs/{**ref}", DeleteRef);
        repo.MapGet("/branches/{**branch}", GetBranch);
        repo.MapGet("/commits/{**reference}", GetRepoCommit);
        repo.MapGet("/compare/{**basehead}", Compare);

        repo.MapGet("/pulls", ContextHandler(ListPulls));
        repo.MapPost("/pulls", ContextHandler(CreatePull));
        repo.MapGet("/pulls/{number:int}", GetPull);
        repo.MapPatch("/pulls/{number:int}", UpdatePull);
        repo.MapPost("/pulls/{number:int}/requested_reviewers", RequestReviewers);
        repo.MapGet("/labels", ListLabels);
        repo.MapGet("/labels/{**name}", GetLabel);
        repo.MapGet("/issues/{number:int}/labels", GetIssueLabels);
        repo.MapPost("/issues/{number:int}/labels", AddIssueLabels);

        app.MapFallback("{**path}", () => GitHubJson.NotFound());
    }

    /// <summary>A handler taking only the HttpContext, as a route handler (its IResult is written), not a RequestDelegate.</summary>
    private static Delegate ContextHandler(Func<HttpContext, Task<IResult>> handler) => handler;

    // ---- Blobs ------------------------------------------------------------------------------

    private async Task<IResult> CreateBlob(HttpContext ctx)
    {
        var (body, error) = await ReadBodyAsync(ctx);
        if (error != null) return error;
        if (body!["content"] is not JsonValue contentNode || !contentNode.TryGetValue<string>(out var content))
        {
            return GitHubJson.Error(422, "Invalid request.\n\n\"content\" wasn't supplied.", DocsBlobs + "#create-a-blob");
        }
        var encoding = body["encoding"]?.GetValue<string>() ?? "utf-8";
        byte[] bytes;
        switch (encoding)
        {
            case "utf-8":
                bytes = Encoding.UTF8.GetBytes(content);
                break;
            case "base64":
                try
                {
                    bytes = Convert.FromBase64String(content.Replace("\n", "", StringComparison.Ordinal));
                }
                catch (FormatException)
                {
                    return GitHubJson.Error(422, "Invalid request.\n\nContent is not valid Base64.", DocsBlobs + "#create-a-blob");
                }
                break;
            default:
                return GitHubJson.Error(422, $"Invalid request.\n\nencoding must be one of: utf-8, base64 (got \"{encoding}\").", DocsBlobs + "#create-a-blob");
        }
        var sha = await Repository.HashObjectAsync(bytes, write: true);
        return GitHubJson.Json(new JsonObject { ["url"] = $"{_json.RepoApi}/git/blobs/{sha}", ["sha"] = sha }, 201);
    }

    private async Task<IResult> GetBlob(string sha)
    {
        var content = await Repository.ReadBlobAsync(sha);
        return content is null ? GitHubJson.NotFound(DocsBlobs + "#get-a-blob") : GitHubJson.Json(_json.Blob(sha, content));
    }

    // ---- Trees ------------------------------------------------------------------------------

    private async Task<IResult> GetTree(HttpContext ctx, string sha)
    {
        var tree = await Repository.ResolveTreeAsync(Uri.UnescapeDataString(sha));
        if (tree is null) return GitHubJson.NotFound(DocsTrees + "#get-a-tree");
        // GitHub recurses for any value of the parameter, even 0 or false.
        var recursive = ctx.Request.Query.ContainsKey("recursive");
        return GitHubJson.Json(_json.Tree(tree, await Repository.ListTreeAsync(tree, recursive)));
    }

    private async Task<IResult> CreateTree(HttpContext ctx)
    {
        var (body, error) = await ReadBodyAsync(ctx);
        if (error != null) return error;
        const string docs = DocsTrees + "#create-a-tree";
        string? baseTree = null;
        if (body!["base_tree"] is JsonValue baseValue && baseValue.TryGetValue<string>(out var baseSha))
        {
            if (await Repository.ObjectTypeAsync(baseSha) != "tree") return GitHubJson.Error(422, "Invalid request.\n\nbase_tree is not a valid tree oid.", docs);
            baseTree = baseSha;
        }
        if (body["tree"] is not JsonArray items) return GitHubJson.Error(422, "Invalid request.\n\n\"tree\" wasn't supplied.", docs);
        var changes = new List<GitTreeChange>();
        foreach (var node in items)
        {
            if (node is not JsonObject item) return GitHubJson.Error(422, "Invalid tree info", docs);
            var path = item["path"]?.GetValue<string>();
            var mode = item["mode"]?.GetValue<string>();
            var type = item["type"]?.GetValue<string>();
            if (path is null || !IsValidTreePath(path)) return GitHubJson.Error(422, $"tree.path contains a malformed path component ({path ?? "null"})", docs);
            if (mode is not ("100644" or "100755" or "040000" or "160000" or "120000")) return GitHubJson.Error(422, "Invalid tree info", docs);
            var expectedType = mode switch { "040000" => "tree", "160000" => "commit", _ => "blob" };
            if (type is not null && type != expectedType) return GitHubJson.Error(422, "Invalid tree info", docs);
            type = expectedType;
            var hasSha = item.TryGetPropertyValue("sha", out var shaNode);
            var hasContent = item.TryGetPropertyValue("content", out var contentNode);
            if (hasSha && hasContent && shaNode is not null) return GitHubJson.Error(422, "Invalid tree info: both sha and content.", docs);
            if (hasContent && contentNode is not null)
            {
                if (type != "blob") return GitHubJson.Error(422, "Invalid tree info", docs);
                var sha = await Repository.HashObjectAsync(Encoding.UTF8.GetBytes(contentNode.GetValue<string>()), write: true);
                changes.Add(new GitTreeChange(path, mode, type, sha));
            }
            else if (hasSha && shaNode is null)
            {
                // An explicit null sha deletes the path.
                changes.Add(new GitTreeChange(path, mode, type, null));
            }
            else if (hasSha)
            {
                var sha = shaNode!.GetValue<string>();
                var actual = await Repository.ObjectTypeAsync(sha);
                if (type != "commit" && actual != type) return GitHubJson.Error(422, $"GitRPC::BadObjectState: {sha} is not a valid {type}", docs);
                changes.Add(new GitTreeChange(path, mode, type, sha));
            }
            else
            {
                return GitHubJson.Error(422, "Invalid tree info: one of sha or content is required.", docs);
            }
        }
        string treeSha;
        try
        {
            treeSha = await Repository.WriteTreeAsync(baseTree, changes);
        }
        catch (GitCommandException e)
        {
            return GitHubJson.Error(422, "GitRPC::BadObjectState: " + e.StandardError.Trim(), docs);
        }
        return GitHubJson.Json(_json.Tree(treeSha, await Repository.ListTreeAsync(treeSha, recursive: false)), 201);
    }

    private static bool IsValidTreePath(string path) =>
        path.Length > 0 && !path.StartsWith('/') && !path.EndsWith('/')
        && path.Split('/').All(s => s.Length > 0 && s is not ("." or ".." or ".git") && !s.Contains('\0', StringComparison.Ordinal));

    // ---- Commits ----------------------------------------------------------------------------

    private async Task<IResult> CreateCommit(HttpContext ctx)
    {
        var (body, error) = await ReadBodyAsync(ctx);
        if (error != null) return error;
        const string docs = DocsCommits + "#create-a-commit";
        var message = body!["message"]?.GetValue<string>();
        if (message is null) return GitHubJson.Error(422, "Invalid request.\n\n\"message\" wasn't supplied.", docs);
        var tree = body["tree"]?.GetValue<string>();
        if (tree is null) return GitHubJson.Error(422, "Invalid request.\n\n\"tree\" wasn't supplied.", docs);
        if (await Repository.ObjectTypeAsync(tree) != "tree") return GitHubJson.Error(422, "Tree SHA does not exist", docs);
        var parents = new List<string>();
        if (body["parents"] is JsonArray parentNodes)
        {
            foreach (var parent in parentNodes)
            {
                var sha = parent?.GetValue<string>() ?? "";
                if (await Repository.ObjectTypeAsync(sha) != "commit") return GitHubJson.Error(422, "Parent SHA does not exist or is not a commit object", docs);
                parents.Add(sha);
            }
        }
        var caller = CallerOf(ctx);
        var now = Time.GetUtcNow();
        var defaultAuthor = caller.Kind == "installation"
            ? new GitSignature(caller.Login, $"{GitHubJson.StableId(caller.Login)}+{caller.Login}@users.noreply.github.com", now)
            : new GitSignature(caller.Login, $"{caller.Login}@users.noreply.github.com", now);
        var author = Signature(body["author"] as JsonObject, defaultAuthor);
        var committerDefault = caller.Kind == "installation" ? new GitSignature("GitHub", "noreply@github.com", now) : author;
        var committer = Signature(body["committer"] as JsonObject, committerDefault);
        var sha1 = await Repository.CreateCommitAsync(tree, parents, message, author, committer);
        // Commits by an App installation without author/committer are signed by GitHub (Verified).
        var verified = caller.Kind == "installation" && body["author"] is null && body["committer"] is null;
        lock (_sync)
        {
            if (verified) _verifiedCommits.Add(sha1);
        }
        var commit = await Repository.ReadCommitAsync(sha1);
        return GitHubJson.Json(_json.GitCommit(commit!, verified), 201);
    }

    private static GitSignature Signature(JsonObject? given, GitSignature fallback)
    {
        if (given is null) return fallback;
        var when = given["date"]?.GetValue<string>() is { } date && DateTimeOffset.TryParse(date, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed) ? parsed : fallback.When;
        return new GitSignature(given["name"]?.GetValue<string>() ?? fallback.Name, given["email"]?.GetValue<string>() ?? fallback.Email, when);
    }

    private bool IsVerified(string sha)
    {
        lock (_sync) return _verifiedCommits.Contains(sha);
    }

    private async Task<IResult> GetGitCommit(string sha)
    {
        var commit = await Repository.ReadCommitAsync(sha);
        return commit is null ? GitHubJson.NotFound(DocsCommits + "#get-a-commit-object") : GitHubJson.Json(_json.GitCommit(commit, IsVerified(sha)));
    }

    private async Task<IResult> GetRepoCommit(string reference)
    {
        var sha = await ResolveRevisionAsync(Uri.UnescapeDataString(reference));
        if (sha is null) return GitHubJson.Error(422, $"No commit found for SHA: {reference}", "https://docs.github.com/rest/commits/commits#get-a-commit");
        var commit = (await Repository.ReadCommitAsync(sha))!;
        var json = _json.RepoCommit(commit, IsVerified(sha), null);
        var files = new JsonArray();
        var changes = commit.Parents.Count > 0
            ? await Repository.DiffAsync(commit.Parents[0], sha)
            : (await Repository.ListFilesAsync(sha)).Select(f => new GitFileChange(f.Key, "added", 0, 0, f.Value)).ToList();
        foreach (var change in changes) files.Add(_json.File(change));
        json["files"] = files;
        json["stats"] = new JsonObject { ["additions"] = changes.Sum(c => c.Additions), ["deletions"] = changes.Sum(c => c.Deletions), ["total"] = changes.Sum(c => c.Additions + c.Deletions) };
        return GitHubJson.Json(json);
    }

    /// <summary>A commit from a sha, a branch name, or <c>owner:branch</c>.</summary>
    private async Task<string?> ResolveRevisionAsync(string revision)
    {
        if (revision.Contains(':', StringComparison.Ordinal))
        {
            var owner = revision[..revision.IndexOf(':', StringComparison.Ordinal)];
            if (!string.Equals(owner, Options.Owner, StringComparison.OrdinalIgnoreCase)) return null;
            revision = revision[(owner.Length + 1)..];
        }
        if (BareRepository.IsSha(revision)) return await Repository.ObjectTypeAsync(revision) == "commit" ? revision : null;
        return await Repository.ReadRefAsync("refs/heads/" + revision) is { } branch ? branch
            : await Repository.ReadRefAsync("refs/tags/" + revision) is { } tag ? await Repository.ResolveCommitAsync(tag)
            : null;
    }

    // ---- Refs -------------------------------------------------------------------------------

    private async Task<IResult> GetRef(string reference, bool exactOnly)
    {
        var name = Uri.UnescapeDataString(reference).TrimEnd('/');
        var refs = await Repository.ListRefsAsync("refs/");
        if (name.Length == 0 && !exactOnly) return GitHubJson.Json(new JsonArray([.. refs.Select(r => (JsonNode)_json.Reference(r.Ref, r.Sha))]));
        var full = "refs/" + name;
        var exact = refs.FirstOrDefault(r => r.Ref == full);
        if (exact.Ref != null) return GitHubJson.Json(_json.Reference(exact.Ref, exact.Sha, await Repository.ObjectTypeAsync(exact.Sha) ?? "commit"));
        if (exactOnly) return GitHubJson.NotFound(DocsRefs + "#get-a-reference");
        // GitHub's /git/refs/{ref} answers a prefix of other refs with the array of those refs.
        var matching = refs.Where(r => r.Ref.StartsWith(full, StringComparison.Ordinal)).ToList();
        return matching.Count == 0
            ? GitHubJson.NotFound(DocsRefs + "#get-a-reference")
            : GitHubJson.Json(new JsonArray([.. matching.Select(r => (JsonNode)_json.Reference(r.Ref, r.Sha))]));
    }

    private async Task<IResult> MatchingRefs(string? @ref)
    {
        var full = "refs/" + Uri.UnescapeDataString(@ref ?? "");
        var refs = await Repository.ListRefsAsync("refs/");
        return GitHubJson.Json(new JsonArray([.. refs.Where(r => r.Ref.StartsWith(full, StringComparison.Ordinal)).Select(r => (JsonNode)_json.Reference(r.Ref, r.Sha))]));
    }

    private async Task<IResult> CreateRef(HttpContext ctx)
    {
        var (body, error) = await ReadBodyAsync(ctx);
        if (error != null) return error;
        const string docs = DocsRefs + "#create-a-reference";
        var name = body!["ref"]?.GetValue<string>();
        var sha = body["sha"]?.GetValue<string>();
        if (name is null || sha is null) return GitHubJson.Error(422, "Invalid request.\n\n\"ref\" and \"sha\" are required.", docs);
        if (!name.StartsWith("refs/", StringComparison.Ordinal) || name.Count(c => c == '/') < 2 || !await IsValidRefNameAsync(name))
        {
            return GitHubJson.Error(422, $"{name} is not a valid ref name.", docs);
        }
        var type = await Repository.ObjectTypeAsync(sha);
        if (type is null || (name.StartsWith("refs/heads/", StringComparison.Ordinal) && type != "commit")) return GitHubJson.Error(422, "Object does not exist", docs);
        if (!await Repository.UpdateRefAsync(name, sha, expectedOld: "")) return GitHubJson.Error(422, "Reference already exists", docs);
        return GitHubJson.Json(_json.Reference(name, sha, type), 201);
    }

    private async Task<bool> IsValidRefNameAsync(string name) =>
        (await Repository.Runner.RunAsync(["check-ref-format", name], check: false)).ExitCode == 0;

    private async Task<IResult> UpdateRef(HttpContext ctx, string @ref)
    {
        var (body, error) = await ReadBodyAsync(ctx);
        if (error != null) return error;
        const string docs = DocsRefs + "#update-a-reference";
        var name = "refs/" + Uri.UnescapeDataString(@ref);
        var sha = body!["sha"]?.GetValue<string>();
        var force = body["force"] is JsonValue f && f.TryGetValue<bool>(out var forced) && forced;
        if (sha is null) return GitHubJson.Error(422, "Invalid request.\n\n\"sha\" wasn't supplied.", docs);
        var current = await Repository.ReadRefAsync(name);
        if (current is null) return GitHubJson.Error(422, "Reference does not exist", docs);
        var type = await Repository.ObjectTypeAsync(sha);
        if (type is null || (name.StartsWith("refs/heads/", StringComparison.Ordinal) && type != "commit")) return GitHubJson.Error(422, "Object does not exist", docs);
        if (!force && current != sha && !await Repository.IsAncestorAsync(current, sha)) return GitHubJson.Error(422, "Update is not a fast forward", docs);
        if (!await Repository.UpdateRefAsync(name, sha, current)) return GitHubJson.Error(422, "Reference cannot be updated", docs);
        return GitHubJson.Json(_json.Reference(name, sha, type));
    }

    private async Task<IResult> DeleteRef(string @ref)
    {
        var name = "refs/" + Uri.UnescapeDataString(@ref);
        if (await Repository.ReadRefAsync(name) is null) return GitHubJson.Error(422, "Reference does not exist", DocsRefs + "#delete-a-reference");
        await Repository.DeleteRefAsync(name);
        return Results.StatusCode(204);
    }

    // ---- Branches and compare ---------------------------------------------------------------

    private async Task<IResult> GetBranch(string branch)
    {
        var name = Uri.UnescapeDataString(branch);
        var sha = await Repository.ReadRefAsync("refs/heads/" + name);
        if (sha is null) return GitHubJson.Error(404, "Branch not found", DocsBranches);
        var commit = await Repository.ReadCommitAsync(sha);
        return GitHubJson.Json(_json.Branch(name, commit!, IsVerified(sha)));
    }

    private async Task<IResult> Compare(string basehead)
    {
        var text = Uri.UnescapeDataString(basehead);
        var dots = text.IndexOf("...", StringComparison.Ordinal);
        if (dots < 0) return GitHubJson.NotFound(DocsCompare);
        var baseSha = await ResolveRevisionAsync(text[..dots]);
        var headSha = await ResolveRevisionAsync(text[(dots + 3)..]);
        if (baseSha is null || headSha is null) return GitHubJson.NotFound(DocsCompare);
        var mergeBase = await Repository.MergeBaseAsync(baseSha, headSha);
        if (mergeBase is null) return GitHubJson.Error(404, $"No common ancestor between {text[..dots]} and {text[(dots + 3)..]}.", DocsCompare);
        var ahead = await Repository.RevListAsync(headSha, baseSha);
        var behind = await Repository.RevListAsync(baseSha, headSha);
        var status = ahead.Count == 0 && behind.Count == 0 ? "identical" : behind.Count == 0 ? "ahead" : ahead.Count == 0 ? "behind" : "diverged";
        var commits = new JsonArray();
        foreach (var sha in ahead.TakeLast(250)) commits.Add(_json.RepoCommit((await Repository.ReadCommitAsync(sha))!, IsVerified(sha), null));
        var files = new JsonArray();
        foreach (var change in (await Repository.DiffAsync(mergeBase, headSha)).Take(300)) files.Add(_json.File(change));
        return GitHubJson.Json(new JsonObject
        {
            ["url"] = $"{_json.RepoApi}/compare/{text}",
            ["html_url"] = $"{_json.RepoWeb}/compare/{text}",
            ["permalink_url"] = $"{_json.RepoWeb}/compare/{Options.Owner}:{baseSha[..7]}...{Options.Owner}:{headSha[..7]}",
            ["base_commit"] = _json.RepoCommit((await Repository.ReadCommitAsync(baseSha))!, IsVerified(baseSha), null),
            ["merge_base_commit"] = _json.RepoCommit((await Repository.ReadCommitAsync(mergeBase))!, IsVerified(mergeBase), null),
            ["status"] = status,
            ["ahead_by"] = ahead.Count,
            ["behind_by"] = behind.Count,
            ["total_commits"] = ahead.Count,
            ["commits"] = commits,
            ["files"] = files,
        });
    }

    // ---- GitHub App -------------------------------------------------------------------------

    private IResult CreateInstallationToken(long id)
    {
        if (id != Options.InstallationId) return GitHubJson.NotFound("https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app");
        var expires = Time.GetUtcNow() + Options.InstallationTokenLifetime;
        string token;
        lock (_sync)
        {
            _issuedTokens++;
            token = $"ghs_fake{_issuedTokens:D4}{Guid.NewGuid():N}";
            _installationTokens[token] = expires;
        }
        return GitHubJson.Json(new JsonObject
        {
            ["token"] = token,
            ["expires_at"] = GitHubJson.Date(expires),
            ["permissions"] = new JsonObject { ["contents"] = "write", ["issues"] = "write", ["metadata"] = "read", ["pull_requests"] = "write" },
            ["repository_selection"] = "selected",
        }, 201);
    }
}
