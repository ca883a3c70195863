using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Serp.Admin.Auth;

internal static class AuthEndpoints
{
    public const string RateLimitPolicy = "auth";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var mode = app.ServiceProvider.GetRequiredService<AuthMode>();
        var auth = app.MapGroup("/auth").AllowAnonymous().RequireRateLimiting(RateLimitPolicy);

        if (mode.UsesOidc)
        {
            auth.MapGet("/login", (string? returnUrl) =>
                TypedResults.Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) },
                    [OpenIdConnectDefaults.AuthenticationScheme]));
        }
        else
        {
            // Contract: Development only (AuthMode refuses to start elsewhere without an identity provider).
            auth.MapGet("/dev-signin", DevSignIn);
        }

        auth.MapPost("/signout", SignOut);
        return app;
    }

    private static async Task<Results<RedirectHttpResult, BadRequest<string>>> DevSignIn(
        HttpContext context, AuthMode mode, string? role, string? returnUrl)
    {
        var chosen = Roles.All.FirstOrDefault(r => string.Equals(r, role ?? Roles.Admin, StringComparison.OrdinalIgnoreCase));
        if (chosen is null)
        {
            return TypedResults.BadRequest($"Unknown role '{role}'. Use one of: {string.Join(", ", Roles.All)}.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim("sub", $"dev-{chosen.ToLowerInvariant()}"),
                new Claim("name", $"Local developer ({chosen})"),
                new Claim("email", $"dev-{chosen.ToLowerInvariant()}@serp.local"),
                new Claim(mode.RoleClaim, chosen),
            ],
            authenticationType: "dev-signin", nameType: "name", roleType: mode.RoleClaim);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return TypedResults.LocalRedirect(SafeReturnUrl(returnUrl));
    }

    private static async Task<IResult> SignOut(
        HttpContext context, IAntiforgery antiforgery, AuthMode mode, IOptionsMonitor<OpenIdConnectOptions> oidcOptions)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest("The sign-out form expired; reload the page and try again.");
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (mode.UsesOidc && await HasEndSessionEndpoint(oidcOptions.Get(OpenIdConnectDefaults.AuthenticationScheme), context.RequestAborted))
        {
            return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/auth/signed-out" },
                [OpenIdConnectDefaults.AuthenticationScheme]);
        }
        return TypedResults.LocalRedirect("/auth/signed-out");
    }

    private static async Task<bool> HasEndSessionEndpoint(OpenIdConnectOptions options, CancellationToken ct)
    {
        if (options.ConfigurationManager is null) return false;
        var configuration = await options.ConfigurationManager.GetConfigurationAsync(ct);
        return !string.IsNullOrEmpty(configuration.EndSessionEndpoint);
    }

    /// <summary>Only local paths: an open redirect after sign-in would be a phishing tool.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/'
        && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
        && !returnUrl.Contains("://", StringComparison.Ordinal)
            ? returnUrl
            : "/orders";
}
