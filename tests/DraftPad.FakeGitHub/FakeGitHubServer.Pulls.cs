using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DraftPad.FakeGitHub.Api;
using Microsoft.AspNetCore.Http;

namespace DraftPad.FakeGitHub;

public sealed partial class FakeGitHubServer
{
    private const string DocsPulls = "https://docs.github.com/rest/pulls/pulls";
    private const string DocsLabels = "https://docs.github.com/rest/issues/labels";
    private const string DocsReviewRequests = "https://docs.github.com/rest/pulls/review-requests#request-reviewers-for-a-pull-request";

    private async Task<JsonObject> PullJsonAsync(FakePullRequest pr)
    {
        var headSha = await Repository.ReadRefAsync("refs/heads/" + pr.Head) ?? "";
        var baseSha = await Repository.ReadRefAsync("refs/heads/" + pr.Base) ?? "";
        var url = $"{_json.RepoApi}/pulls/{pr.Number}";
        var html = $"{_json.RepoWeb}/pull/{pr.Number}";
        var labels = new JsonArray();
        lock (_sync)
        {
            foreach (var name in pr.Labels)
            {
                var label = _labels.TryGetValue(name, out var l) ? l : (GitHubJson.StableId("label:" + name), name, "ededed", (string?)null);
                labels.Add(_json.Label(label.Item1, label.Item2, label.Item3, label.Item4));
            }
        }
        return new JsonObject
        {
            ["url"] = url,
            ["id"] = GitHubJson.StableId("pull:" + pr.Number),
            ["node_id"] = GitHubJson.NodeId("PR", pr.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["html_url"] = html,
            ["diff_url"] = html + ".diff",
            ["patch_url"] = html + ".patch",
            ["issue_url"] = $"{_json.RepoApi}/issues/{pr.Number}",
            ["commits_url"] = url + "/commits",
            ["number"] = pr.Number,
            ["state"] = pr.State,
            ["locked"] = false,
            ["title"] = pr.Title,
            ["user"] = _json.User(pr.User, pr.User.EndsWith("[bot]", StringComparison.Ordinal) ? "Bot" : "User"),
            ["body"] = pr.Body,
            ["labels"] = labels,
            ["milestone"] = null,
            ["active_lock_reason"] = null,
            ["created_at"] = GitHubJson.Date(pr.CreatedAt),
            ["updated_at"] = GitHubJson.Date(pr.UpdatedAt),
            ["closed_at"] = pr.State == "closed" ? GitHubJson.Date(pr.UpdatedAt) : null,
            ["merged_at"] = null,
            ["merge_commit_sha"] = null,
            ["assignee"] = null,
            ["assignees"] = new JsonArray(),
            ["requested_reviewers"] = new JsonArray([.. pr.RequestedReviewers.Select(r => (JsonNode)_json.User(r))]),
            ["requested_teams"] = new JsonArray(),
            ["head"] = _json.PullRequestSide(pr.Head, headSha, Options.BaseBranch),
            ["base"] = _json.PullRequestSide(pr.Base, baseSha, Options.BaseBranch),
            ["author_association"] = "MEMBER",
            ["draft"] = false,
            ["merged"] = false,
            ["mergeable"] = null,
            ["comments"] = 0,
            ["review_comments"] = 0,
            ["maintainer_can_modify"] = false,
        };
    }

    private FakePullRequest? FindPull(int number)
    {
        lock (_sync) return _pulls.FirstOrDefault(p => p.Number == number);
    }

    private void ReplacePull(FakePullRequest pr)
    {
        lock (_sync) _pulls[_pulls.FindIndex(p => p.Number == pr.Number)] = pr;
    }

    private async Task<IResult> ListPulls(HttpContext ctx)
    {
        var query = ctx.Request.Query;
        var state = query["state"].ToString() is { Length: > 0 } s ? s : "open";
        var head = query["head"].ToString();
        var baseBranch = query["base"].ToString();
        List<FakePullRequest> found;
        lock (_sync)
        {
            found = _pulls.Where(p => state == "all" || p.State == state)
                .Where(p => head.Length == 0 || MatchesHead(p, head))
                .Where(p => baseBranch.Length == 0 || p.Base == baseBranch)
                .OrderByDescending(p => p.Number)
                .ToList();
        }
        var array = new JsonArray();
        foreach (var pr in found) array.Add(await PullJsonAsync(pr));
        return GitHubJson.Json(array);
    }

    private bool MatchesHead(FakePullRequest pr, string head)
    {
        var colon = head.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return pr.Head == head;
        return string.Equals(head[..colon], Options.Owner, StringComparison.OrdinalIgnoreCase) && pr.Head == head[(colon + 1)..];
    }

    private async Task<IResult> CreatePull(HttpContext ctx)
    {
        var (body, error) = await ReadBodyAsync(ctx);
        if (error != null) return error;
        const string docs = DocsPulls + "#create-a-pull-request";
        var title = body!["title"]?.GetValue<string>();
        var head = body["head"]?.GetValue<string>();
        var baseBranch = body["base"]?.GetValue<string>();
        var text = body["body"]?.GetValue<string>();
        if (title is null && body["issue"] is null)
        {
            return GitHubJson.ValidationFailed(docs, new JsonObject { ["resource"] = "PullRequest", ["code"] = "missing_field", ["field"] = "title" });
        }
        if (head is null || baseBranch is null)
        {
            return GitHubJson.ValidationFailed(docs, new JsonObject { ["resource"] = "PullRequest", ["code"] = "missing_field", ["field"] = head is null ? "head" : "base" });
        }
        var headBranch = head.Contains(':', StringComparison.Ordinal) ? head[(head.IndexOf(':', StringComparison.Ordinal) + 1)..] : head;
        if (head.Contains(':', StringComparison.Ordinal) && !string.Equals(head[..head.IndexOf(':', StringComparison.Ordinal)], Options.Owner, StringComparison.OrdinalIgnoreCase))
        {
            return GitHubJson.ValidationFailed(docs, new JsonObject { ["resource"] = "PullRequest", ["field"] = "head", ["code"] = "invalid" });
        }
        var baseSha = await Repository.ReadRefAsync("refs/heads/" + baseBranch);
        if (baseSha is null) return GitHubJson.ValidationFailed(docs, new JsonObject { ["resource"] = "PullRequest", ["field"] = "base", ["code"] = "invalid" });
        var headSha = await Repository.ReadRefAsync("refs/heads/" + headBranch);
        if (headSha is null) return GitHubJson.ValidationFailed(docs, new JsonObject { ["resource"] = "PullRequest", ["field"] = "head", ["code"] = "invalid" });
        bool exists;
        lock (_sync) exists = _pulls.Any(p => p.State == "open" && p.Head == headBranch && p.Base == baseBranch);
        if (exists)
        {
            return GitHubJson.ValidationFailed(docs, new JsonObject
            {
                ["resource"] = "PullRequest",
                ["code"] = "custom",
                ["message"] = $"A pull request already exists for {Options.Owner}:{headBranch}.",
            });
        }
        if (await Repository.IsAncestorAsync(headSha, baseSha))
        {
            return GitHubJson.ValidationFailed(docs, new JsonObject
            {
                ["resource"] = "PullRequest",
                ["code"] = "custom",
                ["message"] = $"No commits between {baseBranch} and {headBranch}",
            });
        }
        FakePullRequest pr;
        lock (_sync)
        {
            var now = Time.GetUtcNow();
            pr = new FakePullRequest { Number = _nextNumber++, Title = title ?? "", Body = text, Head = headBranch, Base = baseBranch, User = CallerOf(ctx).Login, CreatedAt = now, UpdatedAt = now };
            _pulls.Add(pr);
        }
        var json = await PullJsonAsync(pr);
        ctx.Response.Headers.Location = json["url"]!.GetValue<string>();
        return GitHubJson.Json(json, 201);
    }

    private async Task<IResult> GetPull(int number) =>
        FindPull(number) is { } pr ? GitHubJson.Json(await PullJsonAsync(pr)) : GitHubJson.NotFound(DocsPulls + "#get-a-pull-request");

    private async Task<IResult> UpdatePull(HttpContext ctx, int number)
    {
        var (body, error) = await ReadBodyAsync(ctx);
        if (error != null) return error;
        if (FindPull(number) is not { } pr) return GitHubJson.NotFound(DocsPulls + "#update-a-pull-request");
        if (body!["state"]?.GetValue<string>() is { } state && state is not ("open" or "closed"))
        {
            return GitHubJson.ValidationFailed(DocsPulls + "#update-a-pull-request", new JsonObject { ["resource"] = "PullRequest", ["field"] = "state", ["code"] = "invalid" });
        }
        pr = pr with
        {
            Title = body["title"]?.GetValue<string>() ?? pr.Title,
            Body = body.ContainsKey("body") ? body["body"]?.GetValue<string>() : pr.Body,
            State = body["state"]?.GetValue<string>() ?? pr.State,
            Base = body["base"]?.GetValue<string>() ?? pr.Base,
            UpdatedAt = Time.GetUtcNow(),
            Edits = pr.Edits + 1,
        };
        ReplacePull(pr);
        return GitHubJson.Json(await PullJsonAsync(pr));
    }

    private async Task<IResult> RequestReviewers(HttpContext ctx, int number)
    {
        var (body, error) = await ReadBodyAsync(ctx);
        if (error != null) return error;
        if (FindPull(number) is not { } pr) return GitHubJson.NotFound(DocsReviewRequests);
        var reviewers = body!["reviewers"] is JsonArray r ? r.Select(n => n!.GetValue<string>()).ToList() : [];
        var teams = body["team_reviewers"] is JsonArray t ? t.Count : 0;
        if (reviewers.Count == 0 && teams == 0)
        {
            return GitHubJson.Error(422, "Invalid request.\n\nNo subschema in \"anyOf\" matched.", DocsReviewRequests);
        }
        if (reviewers.Any(x => string.Equals(x, pr.User, StringComparison.OrdinalIgnoreCase)))
        {
            return GitHubJson.Error(422, "Review cannot be requested from pull request author.", DocsReviewRequests);
        }
        if (teams > 0 || reviewers.Any(x => !Options.Collaborators.Contains(x, StringComparer.OrdinalIgnoreCase)))
        {
            return GitHubJson.Error(422, $"Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the {Options.Owner}/{Options.Repository} repository.", DocsReviewRequests);
        }
        pr = pr with { RequestedReviewers = [.. pr.RequestedReviewers.Concat(reviewers).Distinct(StringComparer.OrdinalIgnoreCase)], UpdatedAt = Time.GetUtcNow() };
        ReplacePull(pr);
        return GitHubJson.Json(await PullJsonAsync(pr), 201);
    }

    // ---- Labels -----------------------------------------------------------------------------

    private IResult ListLabels()
    {
        lock (_sync) return GitHubJson.Json(new JsonArray([.. _labels.Values.Select(l => (JsonNode)_json.Label(l.Id, l.Name, l.Color, l.Description))]));
    }

    private IResult GetLabel(string name)
    {
        var decoded = Uri.UnescapeDataString(name);
        lock (_sync)
        {
            return _labels.TryGetValue(decoded, out var l)
                ? GitHubJson.Json(_json.Label(l.Id, l.Name, l.Color, l.Description))
                : GitHubJson.NotFound(DocsLabels + "#get-a-label");
        }
    }

    private IResult IssueLabelsJson(FakePullRequest pr)
    {
        lock (_sync)
        {
            return GitHubJson.Json(new JsonArray([.. pr.Labels.Select(n => _labels.TryGetValue(n, out var l) ? l : (GitHubJson.StableId("label:" + n), n, "ededed", null))
                .Select(l => (JsonNode)_json.Label(l.Item1, l.Item2, l.Item3, l.Item4))]));
        }
    }

    private IResult GetIssueLabels(int number) =>
        FindPull(number) is { } pr ? IssueLabelsJson(pr) : GitHubJson.NotFound(DocsLabels + "#list-labels-for-an-issue");

    private async Task<IResult> AddIssueLabels(HttpContext ctx, int number)
    {
        const string docs = DocsLabels + "#add-labels-to-an-issue";
        JsonNode? node;
        try
        {
            using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
            node = JsonNode.Parse(await reader.ReadToEndAsync());
        }
        catch (JsonException)
        {
            return GitHubJson.Error(400, "Problems parsing JSON");
        }
        // Either ["a", "b"], {"labels": ["a", "b"]} or {"labels": [{"name": "a"}]}.
        var items = node as JsonArray ?? (node as JsonObject)?["labels"] as JsonArray;
        if (items is null) return GitHubJson.Error(422, "Invalid request.\n\nNo subschema in \"oneOf\" matched.", docs);
        var names = items.Select(i => i is JsonObject o ? o["name"]?.GetValue<string>() : i?.GetValue<string>()).ToList();
        if (names.Any(n => string.IsNullOrEmpty(n))) return GitHubJson.Error(422, "Invalid request.\n\nLabel names must not be empty.", docs);
        if (FindPull(number) is not { } pr) return GitHubJson.NotFound(docs);
        lock (_sync)
        {
            // GitHub creates a label that the repository does not have yet.
            foreach (var name in names)
            {
                if (!_labels.ContainsKey(name!)) _labels[name!] = (GitHubJson.StableId("label:" + name), name!, "ededed", null);
            }
            var canonical = names.Select(n => _labels[n!].Name);
            pr = pr with { Labels = [.. pr.Labels.Concat(canonical).Distinct(StringComparer.OrdinalIgnoreCase)], UpdatedAt = Time.GetUtcNow() };
        }
        ReplacePull(pr);
        return IssueLabelsJson(pr);
    }
}
