using Serp.Admin.Auth;

namespace Serp.Admin.Security;

/// <summary>
/// Response headers of the security baseline. The CSP allows what Blazor Server and MudBlazor need:
/// own scripts only, inline styles (MudBlazor sets style attributes), and the circuit's same-origin websocket.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, AuthMode mode)
{
    private readonly string contentSecurityPolicy = BuildPolicy(mode);

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }

    private static string BuildPolicy(AuthMode mode)
    {
        // Sign-out posts a form that the OIDC handler redirects to the provider: form-action must allow it.
        var formAction = "'self'";
        if (mode.UsesOidc && Uri.TryCreate(mode.Oidc.Authority, UriKind.Absolute, out var authority))
        {
            formAction += " " + authority.GetLeftPart(UriPartial.Authority);
        }

        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
               "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
               $"form-action {formAction}; frame-ancestors 'none'";
    }
}
