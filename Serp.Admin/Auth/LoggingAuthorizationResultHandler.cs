using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Serp.Admin.Auth;

/// <summary>Logs refused requests (path, subject, roles; no tokens), then answers as the default handler does.</summary>
internal sealed class LoggingAuthorizationResultHandler(ILogger<LoggingAuthorizationResultHandler> logger)
    : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler inner = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden)
        {
            logger.LogWarning("Authorization refused: {Subject} ({Roles}) may not open {Path}",
                StaffIdentity.Subject(context.User), StaffIdentity.RolesText(context.User), context.Request.Path.Value);
        }
        else if (authorizeResult.Challenged)
        {
            logger.LogDebug("Anonymous request to {Path} sent to sign-in", context.Request.Path.Value);
        }
        return inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
