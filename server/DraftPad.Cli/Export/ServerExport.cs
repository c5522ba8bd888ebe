using System.Text;
using System.Text.Json.Nodes;

namespace DraftPad.Cli.Export;

/// <summary>Export through a DraftPad server: <c>POST /api/pads/{id}/export</c>.</summary>
internal static class ServerExport
{
    public static async Task<int> RunAsync(CommandLine line, (int Year, int Month) month, CliConsole console, Func<string, string?> environment)
    {
        foreach (var local in new[] { "images", "state", "owner", "repo", "base", "api-url", "branch", "release-date" })
        {
            if (line.Has(local)) throw new UsageException($"--{local} goes with --from; with --server the server's settings apply.");
        }
        var id = $"{month.Year:D4}-{month.Month:D2}";
        using var api = ServerApi.From(line, environment);
        JsonNode response;
        try
        {
            response = await api.PostJsonAsync($"api/pads/{id}/export", new
            {
                dryRun = line.Has("dry-run"),
                force = line.Has("force"),
                ignoreLintErrors = line.Has("ignore-lint-errors"),
                phase = line.Get("phase"),
            });
        }
        catch (ServerProblemException e)
        {
            await console.Error.WriteLineAsync("draftpad: export refused: " + e.Message);
            // 409 (someone else pushed) and 422 (lint errors) are the draft's problems, not the tool's.
            return e.Status is 409 or 422 ? ExitCodes.Errors : ExitCodes.Usage;
        }

        foreach (var warning in response["warnings"]?.AsArray() ?? [])
        {
            await console.Error.WriteLineAsync("warning: " + ExportCommand.Text(warning));
        }
        if (line.Has("dry-run"))
        {
            if (line.Get("out") is { } outDir)
            {
                var files = new List<(string, byte[])>();
                foreach (var file in response["files"]?.AsArray() ?? [])
                {
                    var path = ExportCommand.Text(file?["path"]) ?? throw new IOException("The server listed a file without a path.");
                    var content = path.EndsWith(".md", StringComparison.Ordinal)
                        ? Encoding.UTF8.GetBytes(ExportCommand.Text(response["post"]) ?? "")
                        : await api.GetBytesAsync($"api/pads/{id}/images/{Uri.EscapeDataString(Path.GetFileName(path))}");
                    files.Add((path, content));
                }
                await ExportCommand.WriteFilesAsync(outDir, files, console);
            }
            await console.Out.WriteAsync(ExportCommand.Text(response["diff"]) ?? "");
            await console.Error.WriteLineAsync($"dry run: branch {ExportCommand.Text(response["branch"])}, title \"{ExportCommand.Text(response["title"])}\"");
            return ExitCodes.Ok;
        }
        await console.Out.WriteLineAsync(
            $"{ExportCommand.Text(response["outcome"])}: {ExportCommand.Text(response["branch"])} at {ExportCommand.Text(response["commit"])}, {ExportCommand.Text(response["pullRequestUrl"])}");
        return ExitCodes.Ok;
    }
}
