using System.Diagnostics;
using System.Text;

namespace DraftPad.FakeGitHub.Git;

/// <summary>A git command failed.</summary>
public sealed class GitCommandException(string message, int exitCode, string standardError) : Exception(message)
{
    /// <summary>git's exit code.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>What git wrote to stderr.</summary>
    public string StandardError { get; } = standardError;
}

/// <summary>The outcome of one git command.</summary>
/// <param name="ExitCode">Exit code.</param>
/// <param name="Output">Standard output, raw bytes.</param>
/// <param name="Error">Standard error.</param>
public sealed record GitResult(int ExitCode, byte[] Output, string Error)
{
    /// <summary>Standard output as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Output);

    /// <summary>Standard output, trimmed of the final newline.</summary>
    public string Line => Text.TrimEnd('\n');
}

/// <summary>
/// Runs the real <c>git</c> executable, isolated from the machine's configuration (no system or
/// global config, a private HOME) so results do not depend on who runs the tests.
/// </summary>
internal sealed class GitRunner(string gitDirectory, string home)
{
    public string GitDirectory { get; } = gitDirectory;

    /// <summary>Runs git against the bare repository (GIT_DIR set).</summary>
    public Task<GitResult> RunAsync(IReadOnlyList<string> args, byte[]? input = null, IReadOnlyDictionary<string, string>? environment = null, bool check = true) =>
        RunCoreAsync(args, input, environment, check, workingDirectory: null, withGitDir: true);

    /// <summary>Runs git in a directory without GIT_DIR (clone and work-tree commands).</summary>
    public Task<GitResult> RunInAsync(string workingDirectory, IReadOnlyList<string> args, bool check = true) =>
        RunCoreAsync(args, null, null, check, workingDirectory, withGitDir: false);

    private async Task<GitResult> RunCoreAsync(IReadOnlyList<string> args, byte[]? input, IReadOnlyDictionary<string, string>? environment, bool check, string? workingDirectory, bool withGitDir)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? home,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var env = start.Environment;
        env.Remove("GIT_DIR");
        env.Remove("GIT_INDEX_FILE");
        env.Remove("GIT_WORK_TREE");
        if (withGitDir) env["GIT_DIR"] = GitDirectory;
        env["HOME"] = home;
        env["GIT_CONFIG_NOSYSTEM"] = "1";
        env["GIT_CONFIG_GLOBAL"] = "/dev/null";
        env["GIT_TERMINAL_PROMPT"] = "0";
        env["LC_ALL"] = "C";
        env["TZ"] = "UTC";
        if (environment != null)
        {
            foreach (var (key, value) in environment) env[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start git.");
        var stdout = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var readErr = process.StandardError.ReadToEndAsync();
        if (input != null) await process.StandardInput.BaseStream.WriteAsync(input);
        process.StandardInput.Close();
        await copyOut;
        var stderr = await readErr;
        await process.WaitForExitAsync();
        var result = new GitResult(process.ExitCode, stdout.ToArray(), stderr);
        if (check && result.ExitCode != 0)
        {
            throw new GitCommandException($"git {string.Join(' ', args)} failed ({result.ExitCode}): {stderr.Trim()}", result.ExitCode, stderr);
        }
        return result;
    }
}
