using System.Text.Json.Nodes;

namespace DraftPad.Cli.Export;

/// <summary>
/// <c>draftpad export</c>: from a file straight to GitHub (<see cref="FileExport"/>), or by asking a
/// DraftPad server to export its pad (<see cref="ServerExport"/>, which records the export on the pad).
/// </summary>
public static class ExportCommand
{
    /// <summary>Options (name → takes a value).</summary>
    public static readonly IReadOnlyDictionary<string, bool> Options = new Dictionary<string, bool>
    {
        ["month"] = true, ["from"] = true, ["images"] = true, ["server"] = true, ["token"] = true,
        ["dry-run"] = false, ["out"] = true, ["force"] = false, ["ignore-lint-errors"] = false,
        ["phase"] = true, ["release-date"] = true, ["state"] = true,
        ["owner"] = true, ["repo"] = true, ["base"] = true, ["api-url"] = true, ["branch"] = true,
    };

    private const string Help = """
        draftpad export --month YYYY-MM (--from FILE [--images DIR] | --server URL) [--dry-run [--out DIR]]
                        [--force] [--ignore-lint-errors] [--phase draft|review|editorial-closing]

        --server URL   asks that DraftPad server to export its pad (token: --token or DRAFTPAD_TOKEN, a
                       maintainer or bot token); the server lints, writes and records the export.
        --from FILE    exports FILE (- for standard input) itself; images are the files of --images DIR.
                       --release-date YYYY-MM-DD (default: the 5th of the next month). The commit this
                       tool last wrote is kept in --state FILE (default FILE.export.json), so a branch
                       someone else pushed to is never overwritten without --force.
                       GitHub: DRAFTPAD_GITHUB_TOKEN, or DRAFTPAD_GITHUB_APP_ID, DRAFTPAD_GITHUB_INSTALLATION_ID
                       and DRAFTPAD_GITHUB_APP_KEY_FILE; --owner (xsf) --repo (xmpp.org) --base (master)
                       --api-url (https://api.github.com/) --branch (newsletter/{month}).
        --dry-run      writes nothing to GitHub: prints the diff; with --out DIR writes the repository files
                       under DIR. Without GitHub credentials (--from) the diff is against an empty repository.
        --force        a maintainer's override: export even if someone else pushed to the branch.
        Exit codes: 0 exported (or nothing to do), 1 lint errors or a conflict, 2 usage, I/O or server problem.
        """;

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CommandLine line, CliConsole console, Func<string, string?> environment)
    {
        if (line.Has("help"))
        {
            await console.Out.WriteLineAsync(Help);
            return ExitCodes.Ok;
        }
        if (line.Positionals.Count > 0) throw new UsageException($"Unexpected argument '{line.Positionals[0]}'.");
        var month = line.Month() ?? throw new UsageException("--month YYYY-MM is required: which month's issue to export.");
        if (line.Has("out") && !line.Has("dry-run")) throw new UsageException("--out goes with --dry-run.");
        return (line.Has("from"), line.Has("server")) switch
        {
            (true, false) => await FileExport.RunAsync(line, month, console, environment),
            (false, true) => await ServerExport.RunAsync(line, month, console, environment),
            _ => throw new UsageException("Give exactly one of --from FILE and --server URL."),
        };
    }

    /// <summary>Writes repository-relative files under <paramref name="directory"/>, refusing paths that would leave it.</summary>
    internal static async Task WriteFilesAsync(string directory, IEnumerable<(string Path, byte[] Content)> files, CliConsole console)
    {
        var root = Path.GetFullPath(directory);
        foreach (var (path, content) in files)
        {
            var full = Path.GetFullPath(Path.Combine(root, path));
            if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw new IOException($"Refusing to write '{path}' outside {root}.");
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllBytesAsync(full, content);
            await console.Error.WriteLineAsync($"wrote {Path.Combine(directory, path)}");
        }
    }

    internal static string? Text(JsonNode? node) => node?.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : node?.ToString();
}
