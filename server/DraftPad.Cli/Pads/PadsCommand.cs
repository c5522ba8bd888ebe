using System.Globalization;

namespace DraftPad.Cli.Pads;

/// <summary><c>draftpad pads list|show|create</c> against a running server.</summary>
public static class PadsCommand
{
    /// <summary>Options (name → takes a value).</summary>
    public static readonly IReadOnlyDictionary<string, bool> Options = new Dictionary<string, bool> { ["server"] = true, ["token"] = true };

    private const string Help = """
        draftpad pads list --server URL            the server's pads: id, status, release date
        draftpad pads show YYYY-MM --server URL    the pad's markdown on standard output
        draftpad pads create YYYY-MM --server URL  creates the month's pad from the newsletter skeleton
        Token: --token, else DRAFTPAD_TOKEN (needed when anonymous editing is off).
        """;

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CommandLine line, CliConsole console, Func<string, string?> environment)
    {
        if (line.Has("help") || line.Positionals.Count == 0)
        {
            await console.Out.WriteLineAsync(Help);
            return line.Has("help") ? ExitCodes.Ok : ExitCodes.Usage;
        }
        using var api = ServerApi.From(line, environment);
        try
        {
            switch (line.Positionals[0])
            {
                case "list" when line.Positionals.Count == 1:
                    var list = await api.GetJsonAsync("api/pads");
                    foreach (var pad in list.AsArray())
                    {
                        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"{pad?["id"]}\t{pad?["status"]}\t{pad?["releaseDate"]}"));
                    }
                    return ExitCodes.Ok;
                case "show" when line.Positionals.Count == 2:
                    await console.Out.WriteAsync(await api.GetTextAsync($"api/pads/{Id(line.Positionals[1])}/markdown"));
                    return ExitCodes.Ok;
                case "create" when line.Positionals.Count == 2:
                    var created = await api.PostJsonAsync($"api/pads/{Id(line.Positionals[1])}", null);
                    await console.Out.WriteLineAsync($"created pad {created["id"]} (release date {created["releaseDate"]})");
                    return ExitCodes.Ok;
                default:
                    throw new UsageException("pads takes list, show YYYY-MM or create YYYY-MM.");
            }
        }
        catch (ServerProblemException e)
        {
            await console.Error.WriteLineAsync("draftpad: the server refused: " + e.Message);
            return ExitCodes.Usage;
        }
    }

    private static string Id(string text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? text
            : throw new UsageException($"'{text}' is not a pad id: pads are months written YYYY-MM.");
}
