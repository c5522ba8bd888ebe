using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace DraftPad.Server.Access;

/// <summary>Registers token authentication and rejects requests that carry a bad token.</summary>
public static class AccessSetup
{
    /// <summary>Adds the token scheme, the <c>Access</c> options (validated at start) and <see cref="PadUserResolver"/>.</summary>
    public static IServiceCollection AddPadAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccessOptions>()
            .Bind(configuration.GetSection(AccessOptions.Section))
            .Validate(o => o.Tokens.All(t => !string.IsNullOrWhiteSpace(t.Name) && t.Token.Length >= 16),
                "Every Access:Tokens entry needs a Name and a Token of at least 16 characters.")
            .Validate(o => o.Tokens.Select(t => t.Token).Distinct().Count() == o.Tokens.Count,
                "Two Access:Tokens entries share the same Token.")
            .ValidateOnStart();
        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddSingleton<PadUserResolver>();
        return services;
    }

    /// <summary>
    /// Authenticates every request and answers 401 (with a problem body and a
    /// <c>WWW-Authenticate</c> header naming the error) when a token was sent but is not valid.
    /// </summary>
    public static IApplicationBuilder UsePadAccess(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            var result = await context.AuthenticateAsync(TokenAuthenticationHandler.SchemeName);
            if (result.Failure is { } failure)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{failure.Message}\"";
                await context.Response.WriteAsJsonAsync(new ProblemDetails
                {
                    Status = 401,
                    Title = "Invalid token",
                    Detail = failure.Message + " Send a configured token, or none to act anonymously.",
                }, options: null, contentType: "application/problem+json");
                return;
            }
            await next(context);
        });
        return app;
    }
}
