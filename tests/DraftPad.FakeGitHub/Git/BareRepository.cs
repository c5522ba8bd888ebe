using System.Globalization;
using System.Text;

namespace DraftPad.FakeGitHub.Git;

/// <summary>A name, an email and a time, as git records an author or a committer.</summary>
/// <param name="Name">Name.</param>
/// <param name="Email">Email.</param>
/// <param name="When">Time.</param>
public sealed record GitSignature(string Name, string Email, DateTimeOffset When);

/// <summary>One entry of a tree listing.</summary>
/// <param name="Mode">File mode as git writes it (100644, 100755, 040000, 120000, 160000).</param>
/// <param name="Type">blob, tree or commit.</param>
/// <param name="Sha">Object id.</param>
/// <param name="Path">Path relative to the listed tree.</param>
/// <param name="Size">Blob size in bytes (null for trees and submodules).</param>
public sealed record GitTreeEntry(string Mode, string Type, string Sha, string Path, long? Size);

/// <summary>A change to apply to a tree: a path set to an object, or removed (null sha).</summary>
/// <param name="Path">Path.</param>
/// <param name="Mode">Mode of the new entry.</param>
/// <param name="Type">blob, tree or commit.</param>
/// <param name="Sha">The object, or null to remove the path (and anything under it).</param>
public sealed record GitTreeChange(string Path, string Mode, string Type, string? Sha);

/// <summary>A parsed commit object.</summary>
/// <param name="Sha">Its id.</param>
/// <param name="Tree">Its tree.</param>
/// <param name="Parents">Its parents, in order.</param>
/// <param name="Author">Author.</param>
/// <param name="Committer">Committer.</param>
/// <param name="Message">The full message.</param>
public sealed record GitCommit(string Sha, string Tree, IReadOnlyList<string> Parents, GitSignature Author, GitSignature Committer, string Message);

/// <summary>A file that differs between two commits.</summary>
/// <param name="Path">Path.</param>
/// <param name="Status">GitHub's word: added, removed, modified, changed.</param>
/// <param name="Additions">Added lines (0 for binary files).</param>
/// <param name="Deletions">Deleted lines (0 for binary files).</param>
/// <param name="Sha">The blob on the newer side (null when removed).</param>
public sealed record GitFileChange(string Path, string Status, int Additions, int Deletions, string? Sha);

/// <summary>A real bare git repository driven through git's plumbing commands.</summary>
public sealed class BareRepository
{
    private const string ZeroSha = "0000000000000000000000000000000000000000";
    private readonly GitRunner _git;

    private BareRepository(GitRunner git) => _git = git;

    /// <summary>The repository's git directory.</summary>
    public string GitDirectory => _git.GitDirectory;

    internal GitRunner Runner => _git;

    /// <summary>
    /// Creates a bare repository in <paramref name="directory"/> whose <paramref name="branch"/>
    /// holds <paramref name="files"/> in one commit; HEAD names that branch.
    /// </summary>
    public static async Task<BareRepository> CreateAsync(string directory, string home, string branch, IReadOnlyDictionary<string, byte[]> files, GitSignature author, string message = "Initial site content")
    {
        Directory.CreateDirectory(directory);
        Directory.CreateDirectory(home);
        var runner = new GitRunner(directory, home);
        await runner.RunInAsync(home, ["init", "--quiet", "--bare", directory]);
        var repository = new BareRepository(runner);
        await runner.RunAsync(["symbolic-ref", "HEAD", "refs/heads/" + branch]);
        var changes = new List<GitTreeChange>();
        foreach (var (path, content) in files) changes.Add(new GitTreeChange(path, "100644", "blob", await repository.HashObjectAsync(content, write: true)));
        var tree = await repository.WriteTreeAsync(null, changes);
        var commit = await repository.CreateCommitAsync(tree, [], message, author, author);
        await repository.UpdateRefAsync("refs/heads/" + branch, commit, expectedOld: "");
        return repository;
    }

    /// <summary>The blob id of <paramref name="content"/> as <c>git hash-object</c> computes it; with <paramref name="write"/>, stores it.</summary>
    public async Task<string> HashObjectAsync(byte[] content, bool write = false) =>
        (await _git.RunAsync(write ? ["hash-object", "-w", "--stdin"] : ["hash-object", "--stdin"], content)).Line;

    /// <summary>blob, tree, commit or tag; null when the object does not exist (or is not a full 40-hex id).</summary>
    public async Task<string?> ObjectTypeAsync(string sha)
    {
        if (!IsSha(sha)) return null;
        var result = await _git.RunAsync(["cat-file", "-t", sha], check: false);
        return result.ExitCode == 0 ? result.Line : null;
    }

    /// <summary>A blob's bytes, or null when there is no such blob.</summary>
    public async Task<byte[]?> ReadBlobAsync(string sha)
    {
        if (await ObjectTypeAsync(sha) != "blob") return null;
        return (await _git.RunAsync(["cat-file", "blob", sha])).Output;
    }

    /// <summary>The commit a revision (sha, branch, ref) names, or null.</summary>
    public async Task<string?> ResolveCommitAsync(string revision)
    {
        if (revision.StartsWith('-')) return null;
        var result = await _git.RunAsync(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], check: false);
        return result.ExitCode == 0 ? result.Line : null;
    }

    /// <summary>The tree a revision names (a tree id, or a commit's tree), or null.</summary>
    public async Task<string?> ResolveTreeAsync(string revision)
    {
        if (revision.StartsWith('-')) return null;
        var result = await _git.RunAsync(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{tree}"], check: false);
        return result.ExitCode == 0 ? result.Line : null;
    }

    /// <summary>Lists a tree (recursively with <paramref name="recursive"/>, trees included).</summary>
    public async Task<IReadOnlyList<GitTreeEntry>> ListTreeAsync(string tree, bool recursive)
    {
        var args = new List<string> { "ls-tree", "--long", "-z", "--full-tree" };
        if (recursive) args.AddRange(["-r", "-t"]);
        args.Add(tree);
        var output = (await _git.RunAsync(args)).Text;
        var entries = new List<GitTreeEntry>();
        foreach (var record in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<mode> SP <type> SP <sha> SP+ <size> TAB <path>"
            var tab = record.IndexOf('\t', StringComparison.Ordinal);
            var parts = record[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long? size = parts[3] == "-" ? null : long.Parse(parts[3], CultureInfo.InvariantCulture);
            entries.Add(new GitTreeEntry(parts[0], parts[1], parts[2], record[(tab + 1)..], size));
        }
        return entries;
    }

    /// <summary>All files (blobs) of a commit or tree: path to blob id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListFilesAsync(string revision)
    {
        var tree = await ResolveTreeAsync(revision) ?? throw new ArgumentException($"No tree for '{revision}'.", nameof(revision));
        return (await ListTreeAsync(tree, recursive: true)).Where(e => e.Type == "blob").ToDictionary(e => e.Path, e => e.Sha, StringComparer.Ordinal);
    }

    /// <summary>
    /// Writes the tree made of <paramref name="baseTree"/> (or nothing) with <paramref name="changes"/>
    /// applied, through a private index file; returns its id.
    /// </summary>
    /// <exception cref="GitCommandException">git refused an entry (e.g. a file where a directory is).</exception>
    public async Task<string> WriteTreeAsync(string? baseTree, IReadOnlyList<GitTreeChange> changes)
    {
        var index = Path.Combine(Path.GetTempPath(), "fakegithub-index-" + Guid.NewGuid().ToString("N"));
        var env = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = index };
        try
        {
            await _git.RunAsync(baseTree is null ? ["read-tree", "--empty"] : ["read-tree", baseTree], environment: env);
            var current = changes.Any(c => c.Sha is null || c.Type == "tree")
                ? (await _git.RunAsync(["ls-files", "-z", "--cached"], environment: env)).Text.Split('\0', StringSplitOptions.RemoveEmptyEntries)
                : [];
            var info = new StringBuilder();
            foreach (var change in changes)
            {
                if (change.Sha is null || change.Type == "tree")
                {
                    // Removing a path removes a file there or everything under a folder there.
                    foreach (var path in current.Where(p => p == change.Path || p.StartsWith(change.Path + "/", StringComparison.Ordinal)))
                    {
                        info.Append("0 ").Append(ZeroSha).Append('\t').Append(path).Append('\0');
                    }
                }
                else
                {
                    info.Append(change.Mode).Append(' ').Append(change.Sha).Append('\t').Append(change.Path).Append('\0');
                }
            }
            if (info.Length > 0) await _git.RunAsync(["update-index", "-z", "--index-info"], Encoding.UTF8.GetBytes(info.ToString()), env);
            foreach (var change in changes.Where(c => c.Type == "tree" && c.Sha is not null))
            {
                await _git.RunAsync(["read-tree", "--prefix=" + change.Path + "/", change.Sha!], environment: env);
            }
            return (await _git.RunAsync(["write-tree"], environment: env)).Line;
        }
        finally
        {
            File.Delete(index);
        }
    }

    /// <summary>Reads a commit, or null when <paramref name="sha"/> is not a commit.</summary>
    public async Task<GitCommit?> ReadCommitAsync(string sha)
    {
        if (await ObjectTypeAsync(sha) != "commit") return null;
        var text = (await _git.RunAsync(["cat-file", "commit", sha])).Text;
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var headers = split < 0 ? text : text[..split];
        var message = split < 0 ? "" : text[(split + 2)..];
        string tree = "";
        var parents = new List<string>();
        GitSignature? author = null, committer = null;
        foreach (var line in headers.Split('\n'))
        {
            if (line.StartsWith("tree ", StringComparison.Ordinal)) tree = line[5..];
            else if (line.StartsWith("parent ", StringComparison.Ordinal)) parents.Add(line[7..]);
            else if (line.StartsWith("author ", StringComparison.Ordinal)) author = ParseSignature(line[7..]);
            else if (line.StartsWith("committer ", StringComparison.Ordinal)) committer = ParseSignature(line[10..]);
        }
        return new GitCommit(sha, tree, parents, author!, committer!, message);
    }

    /// <summary>Writes a commit object; returns its id.</summary>
    public async Task<string> CreateCommitAsync(string tree, IReadOnlyList<string> parents, string message, GitSignature author, GitSignature committer)
    {
        var args = new List<string> { "commit-tree", tree };
        foreach (var parent in parents) args.AddRange(["-p", parent]);
        var env = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = author.Name,
            ["GIT_AUTHOR_EMAIL"] = author.Email,
            ["GIT_AUTHOR_DATE"] = GitDate(author.When),
            ["GIT_COMMITTER_NAME"] = committer.Name,
            ["GIT_COMMITTER_EMAIL"] = committer.Email,
            ["GIT_COMMITTER_DATE"] = GitDate(committer.When),
        };
        // -F - keeps the message exactly (no stripping of comments or trailing lines beyond git's own).
        args.AddRange(["-F", "-"]);
        return (await _git.RunAsync(args, Encoding.UTF8.GetBytes(message), env)).Line;
    }

    /// <summary>The object a full ref name (<c>refs/heads/x</c>) points at, or null when there is no such ref.</summary>
    public async Task<string?> ReadRefAsync(string fullRef)
    {
        if (!fullRef.StartsWith("refs/", StringComparison.Ordinal)) return null;
        var result = await _git.RunAsync(["show-ref", "--verify", "--hash", fullRef], check: false);
        return result.ExitCode == 0 ? result.Line : null;
    }

    /// <summary>Refs under a prefix (<c>refs/heads/</c>): full name and object id, sorted by name.</summary>
    public async Task<IReadOnlyList<(string Ref, string Sha)>> ListRefsAsync(string prefix)
    {
        var output = (await _git.RunAsync(["for-each-ref", "--format=%(refname) %(objectname)", prefix])).Text;
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (l[..l.LastIndexOf(' ')], l[(l.LastIndexOf(' ') + 1)..])).ToList();
    }

    /// <summary>
    /// Points <paramref name="fullRef"/> at <paramref name="newSha"/>, atomically, only if it is
    /// currently at <paramref name="expectedOld"/> ("" = must not exist; null = any). False when it was not.
    /// </summary>
    public async Task<bool> UpdateRefAsync(string fullRef, string newSha, string? expectedOld)
    {
        var args = new List<string> { "update-ref", fullRef, newSha };
        if (expectedOld != null) args.Add(expectedOld.Length == 0 ? ZeroSha : expectedOld);
        return (await _git.RunAsync(args, check: false)).ExitCode == 0;
    }

    /// <summary>Deletes a ref.</summary>
    public async Task DeleteRefAsync(string fullRef) => await _git.RunAsync(["update-ref", "-d", fullRef]);

    /// <summary>Whether <paramref name="ancestor"/> is an ancestor of (or equal to) <paramref name="descendant"/>.</summary>
    public async Task<bool> IsAncestorAsync(string ancestor, string descendant) =>
        (await _git.RunAsync(["merge-base", "--is-ancestor", ancestor, descendant], check: false)).ExitCode == 0;

    /// <summary>The best common ancestor, or null when the histories are unrelated.</summary>
    public async Task<string?> MergeBaseAsync(string a, string b)
    {
        var result = await _git.RunAsync(["merge-base", a, b], check: false);
        return result.ExitCode == 0 ? result.Line : null;
    }

    /// <summary>Commits reachable from <paramref name="include"/> and not from <paramref name="exclude"/>, oldest first.</summary>
    public async Task<IReadOnlyList<string>> RevListAsync(string include, string? exclude = null)
    {
        var args = new List<string> { "rev-list", "--reverse", include };
        if (exclude != null) args.Add("^" + exclude);
        return (await _git.RunAsync(args)).Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Files that differ from <paramref name="from"/> to <paramref name="to"/> (no rename detection).</summary>
    public async Task<IReadOnlyList<GitFileChange>> DiffAsync(string from, string to)
    {
        var statuses = (await _git.RunAsync(["diff", "--no-renames", "--name-status", "-z", from, to, "--"])).Text.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var numbers = (await _git.RunAsync(["diff", "--no-renames", "--numstat", "-z", from, to, "--"])).Text.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var counts = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var record in numbers)
        {
            var parts = record.Split('\t', 3);
            counts[parts[2]] = (parts[0] == "-" ? 0 : int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1] == "-" ? 0 : int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        var toFiles = await ListFilesAsync(to);
        var changes = new List<GitFileChange>();
        for (var i = 0; i + 1 < statuses.Length; i += 2)
        {
            var path = statuses[i + 1];
            var status = statuses[i] switch { "A" => "added", "D" => "removed", "M" => "modified", _ => "changed" };
            var (additions, deletions) = counts.GetValueOrDefault(path);
            changes.Add(new GitFileChange(path, status, additions, deletions, toFiles.GetValueOrDefault(path)));
        }
        return changes;
    }

    /// <summary>Whether <paramref name="text"/> is a full lowercase hex object id.</summary>
    public static bool IsSha(string text) => text.Length == 40 && text.All(char.IsAsciiHexDigitLower);

    private static string GitDate(DateTimeOffset when) => $"{when.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)} +0000";

    private static GitSignature ParseSignature(string text)
    {
        // "Name <email> 1700000000 +0200"
        var lt = text.LastIndexOf('<');
        var gt = text.LastIndexOf('>');
        var name = text[..lt].TrimEnd();
        var email = text[(lt + 1)..gt];
        var rest = text[(gt + 1)..].Trim().Split(' ');
        var seconds = long.Parse(rest[0], CultureInfo.InvariantCulture);
        var offset = TimeSpan.Zero;
        if (rest.Length > 1 && rest[1].Length == 5)
        {
            var sign = rest[1][0] == '-' ? -1 : 1;
            offset = sign * new TimeSpan(int.Parse(rest[1][1..3], CultureInfo.InvariantCulture), int.Parse(rest[1][3..5], CultureInfo.InvariantCulture), 0);
        }
        return new GitSignature(name, email, DateTimeOffset.FromUnixTimeSeconds(seconds).ToOffset(offset));
    }
}
