using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Serp.Admin.Features.Monitoring.Telemetry;

/// <summary>
/// Lets a request through to the Prometheus exporter only with <c>Authorization: Bearer &lt;token&gt;</c>. Both sides are
/// hashed before a fixed-time comparison, so neither the content nor the length of the token leaks through timing.
/// </summary>
internal sealed class MetricsTokenGate(string token)
{
    private const string Scheme = "Bearer ";
    private readonly byte[] expected = SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim()));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (IsAuthorized(context.Request.Headers.Authorization))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"metrics\"";
        // A body of its own keeps the status-code pages from replacing the 401.
        await context.Response.WriteAsJsonAsync(new { error = "A bearer token is required for /metrics (Monitoring:MetricsToken)." }, context.RequestAborted);
    }

    public bool IsAuthorized(StringValues header)
    {
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(value[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
