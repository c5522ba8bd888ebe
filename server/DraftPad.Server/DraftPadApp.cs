using DraftPad.Server.Access;
using DraftPad.Server.Client;
using DraftPad.Server.Export;
using DraftPad.Server.Health;
using DraftPad.Server.Hub;
using DraftPad.Server.Images;
using DraftPad.Server.Linting;
using DraftPad.Server.Pads;

namespace DraftPad.Server;

/// <summary>
/// The table of contents of the server: each feature lives in its own folder and exposes one
/// Add*/Map* extension method called here, top to bottom. Program.cs runs it; tests start the same
/// application on real Kestrel.
/// </summary>
public static class DraftPadApp
{
    /// <summary>Builds the application from command-line arguments (standard ASP.NET configuration).</summary>
    /// <param name="args">Command-line arguments, e.g. <c>--urls</c> or <c>--Storage:DataDirectory=...</c>.</param>
    /// <param name="configure">Optional changes to the builder before it is built (tests use it to replace the clock).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.Services.AddPadAccess(builder.Configuration);   // Access/: tokens and roles
        builder.Services.AddPads(builder.Configuration);        // Pads/ + Storage/ + Scaling/: month pads, SQLite or Redis store, limits
        builder.Services.AddPadHub(builder.Configuration);      // Hub/: SignalR hub, presence, Redis backplane when scaled out
        builder.Services.AddPadLinting(builder.Configuration);  // Linting/: live diagnostics, autofixes, /api/lint
        builder.Services.AddPadExport(builder.Configuration);   // Export/: pull requests on the site repository
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        configure?.Invoke(builder);

        var app = builder.Build();

        app.UseExceptionHandler();
        app.UsePadAccess();

        app.MapHealth();    // /healthz, /readyz
        app.MapPads();      // /api/pads
        app.MapImages();    // /api/pads/{id}/images
        app.MapLint();      // /api/lint
        app.MapExport();    // /api/pads/{id}/export
        app.MapPadHub();    // /hubs/pad
        app.MapOpenApi();   // /openapi/v1.json

        app.MapPadClient(); // / : the browser client (client/dist)
        return app;
    }
}
