namespace DraftPad.Server.Health;

/// <summary>Liveness and readiness probes.</summary>
public static class HealthEndpoints
{
    /// <summary>
    /// Maps <c>GET /healthz</c> (the process is up) and <c>GET /readyz</c>
    /// (the server can take work; nothing to wait for yet).
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapGet("/readyz", () => Results.Text("ready"));
        return endpoints;
    }
}
