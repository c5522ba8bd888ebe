using Microsoft.Extensions.FileProviders;

namespace DraftPad.Server.Client;

/// <summary>
/// Serves the built browser client (client/dist) at <c>/</c>, with a fallback to its
/// index.html for pad links such as <c>/pads/2026-11</c>. The folder is <c>Client:Path</c>,
/// else the first <c>client/dist</c> found above the working directory or the server binary.
/// </summary>
public static partial class ClientHosting
{
    /// <summary>Maps the client, or a plain text page saying how to build it when it is missing.</summary>
    public static WebApplication MapPadClient(this WebApplication app)
    {
        var path = Locate(app.Configuration["Client:Path"]);
        if (path is null)
        {
            Log.Missing(app.Logger);
            app.MapGet("/", () => Results.Text("DraftPad server is running. The browser client is not built: run scripts/run.sh (it builds client/ first) or set Client:Path.\n"))
               .ExcludeFromDescription();
            return app;
        }
        Log.Serving(app.Logger, path);
        var files = new PhysicalFileProvider(path);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        var staticFiles = new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                // Hashed assets never change; index.html must be revalidated to pick up new builds.
                context.Context.Response.Headers.CacheControl = context.File.Name == "index.html" ? "no-cache" : "public, max-age=31536000, immutable";
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        };
        app.UseStaticFiles(staticFiles);
        // Only pad links fall back to the page; any other unknown path (a stale asset) is a plain 404.
        app.MapFallbackToFile("/pads/{id:regex(^\\d{{4}}-\\d{{2}}$)}", "index.html", staticFiles);
        return app;
    }

    private static string? Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = Path.GetFullPath(configured);
            return File.Exists(Path.Combine(full, "index.html")) ? full : null;
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "client", "dist");
                if (File.Exists(Path.Combine(candidate, "index.html"))) return candidate;
            }
        }
        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Information, "Serving the browser client from {Path}.")]
        public static partial void Serving(ILogger logger, string path);

        [LoggerMessage(41, LogLevel.Warning, "The browser client is not built (no client/dist/index.html); / shows a hint instead.")]
        public static partial void Missing(ILogger logger);
    }
}
