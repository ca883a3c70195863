using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Serp.Admin.Auth;

/// <summary>Turns provider failures into a readable sign-in page instead of an exception page.</summary>
internal sealed class OidcEvents(ILogger<OidcEvents> logger) : OpenIdConnectEvents
{
    public override Task RemoteFailure(Microsoft.AspNetCore.Authentication.RemoteFailureContext context)
    {
        logger.LogWarning("OpenID Connect sign-in failed: {Reason}", context.Failure?.Message);
        context.Response.Redirect("/auth/signin?error=provider");
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
