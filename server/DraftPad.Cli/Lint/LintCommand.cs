using DraftPad.Lint;

namespace DraftPad.Cli.Lint;

/// <summary><c>draftpad lint [FILE|-]</c>: findings as text, JSON or SARIF; <c>--fix</c> applies the safe autofixes.</summary>
public static class LintCommand
{
    /// <summary>Options (name → takes a value).</summary>
    public static readonly IReadOnlyDictionary<string, bool> Options = new Dictionary<string, bool>
    {
        ["format"] = true, ["fix"] = false, ["month"] = true, ["release-date"] = true,
    };

    private const string Help = """
        draftpad lint [FILE|-] [--format text|json|sarif] [--fix] [--month YYYY-MM] [--release-date YYYY-MM-DD]

        Lints a newsletter draft (FILE, or standard input for - or no FILE). The covered month and the
        release date come from the front matter; --month and --release-date give them when it has none.
        --fix applies every safe autofix: FILE is rewritten in place; from standard input the fixed text
        goes to standard output and the findings to standard error. Rules: docs/lint-rules.md.
        Exit codes: 0 no errors (after fixing), 1 errors, 2 usage or I/O problem.
        """;

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CommandLine line, CliConsole console)
    {
        if (line.Has("help"))
        {
            await console.Out.WriteLineAsync(Help);
            return ExitCodes.Ok;
        }
        if (line.Positionals.Count > 1) throw new UsageException("lint takes one FILE (or - for standard input).");
        var path = line.Positionals.Count == 1 ? line.Positionals[0] : "-";
        var format = line.Get("format") ?? "text";
        if (format is not ("text" or "json" or "sarif")) throw new UsageException($"Unknown --format '{format}': use text, json or sarif.");
        var month = line.Month();
        var options = new LintOptions { Year = month?.Year, Month = month?.Month, ReleaseDate = line.Date("release-date") };

        var fromStdin = path == "-";
        var text = fromStdin ? await console.In.ReadToEndAsync() : await ReadFileAsync(path);
        var report = console.Out;
        if (line.Has("fix"))
        {
            var (fixedText, applied) = LintFixer.FixAll(text, options);
            if (fromStdin)
            {
                await console.Out.WriteAsync(fixedText);
                report = console.Error;
            }
            else if (applied > 0)
            {
                await File.WriteAllTextAsync(path, fixedText);
            }
            await console.Error.WriteLineAsync($"{(fromStdin ? "<stdin>" : path)}: {applied} fix(es) applied");
            text = fixedText;
        }

        var diagnostics = NewsletterLinter.Default.Lint(text, options);
        var name = fromStdin ? "<stdin>" : path;
        await report.WriteAsync(format switch
        {
            "json" => DiagnosticFormats.Json(name, diagnostics),
            "sarif" => DiagnosticFormats.Sarif(fromStdin ? "stdin.md" : path, diagnostics, NewsletterLinter.Default.Rules),
            _ => DiagnosticFormats.Text(name, diagnostics),
        });
        return diagnostics.Any(d => d.Severity == LintSeverity.Error) ? ExitCodes.Errors : ExitCodes.Ok;
    }

    private static async Task<string> ReadFileAsync(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"No such file: {path}");
        return await File.ReadAllTextAsync(path);
    }
}
