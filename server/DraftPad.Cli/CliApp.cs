using DraftPad.Cli.Export;
using DraftPad.Cli.Lint;
using DraftPad.Cli.Pads;

namespace DraftPad.Cli;

/// <summary>Exit codes of every command.</summary>
public static class ExitCodes
{
    /// <summary>Done, and no lint errors.</summary>
    public const int Ok = 0;

    /// <summary>Lint errors (or an export refused because of them, or a conflict).</summary>
    public const int Errors = 1;

    /// <summary>Usage, I/O, network or server problem.</summary>
    public const int Usage = 2;
}

/// <summary>The console a command writes to (tests pass their own writers).</summary>
/// <param name="In">Standard input.</param>
/// <param name="Out">Standard output: results.</param>
/// <param name="Error">Standard error: problems and progress.</param>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);

/// <summary>A problem with the command line or its inputs: printed as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>The <c>draftpad</c> command: dispatches to <c>lint</c>, <c>export</c> and <c>pads</c>.</summary>
public static class CliApp
{
    /// <summary>The top-level help.</summary>
    public const string Help = """
        draftpad: the XMPP Newsletter's DraftPad from the command line.

          draftpad lint [FILE|-] [--format text|json|sarif] [--fix] [--month YYYY-MM] [--release-date YYYY-MM-DD]
          draftpad export --month YYYY-MM (--from FILE [--images DIR] | --server URL) [--dry-run [--out DIR]] [options]
          draftpad pads list|show YYYY-MM|create YYYY-MM --server URL [--token TOKEN]

        `draftpad COMMAND --help` for a command's options. Exit codes: 0 done (no lint errors),
        1 lint errors, an export refused or a conflict, 2 usage, I/O, network or server problem.
        """;

    /// <summary>Runs the command line; returns the exit code.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="console">Where input comes from and output goes.</param>
    /// <param name="environment">Environment lookup (DRAFTPAD_TOKEN, DRAFTPAD_GITHUB_TOKEN, ...).</param>
    public static async Task<int> RunAsync(string[] args, CliConsole console, Func<string, string?> environment)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await console.Out.WriteLineAsync(Help);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }
        try
        {
            var rest = args[1..];
            return args[0] switch
            {
                "lint" => await LintCommand.RunAsync(CommandLine.Parse(rest, LintCommand.Options), console),
                "export" => await ExportCommand.RunAsync(CommandLine.Parse(rest, ExportCommand.Options), console, environment),
                "pads" => await PadsCommand.RunAsync(CommandLine.Parse(rest, PadsCommand.Options), console, environment),
                _ => throw new UsageException($"Unknown command '{args[0]}': use lint, export or pads (draftpad --help)."),
            };
        }
        catch (Exception e) when (e is UsageException or IOException or UnauthorizedAccessException or HttpRequestException)
        {
            // The user's problem (arguments, files, network): one line, no stack trace.
            await console.Error.WriteLineAsync("draftpad: " + e.Message);
            return ExitCodes.Usage;
        }
    }
}
