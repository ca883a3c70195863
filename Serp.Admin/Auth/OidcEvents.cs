using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Serp.Admin.Auth;

/// <summary>
/// Provider failures become a readable sign-in page instead of an exception page; sign-out tells the provider
/// whose session ends.
/// </summary>
internal sealed class OidcEvents(ILogger<OidcEvents> logger) : OpenIdConnectEvents
{
    public override Task RemoteFailure(RemoteFailureContext context)
    {
        logger.LogWarning("OpenID Connect sign-in failed: {Reason}", context.Failure?.Message);
        context.Response.Redirect("/auth/signin?error=provider");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Keeps the ID token (only: SaveTokens stays off, no access token in the cookie) in the encrypted session, so
    /// that sign-out can send it as id_token_hint.
    /// </summary>
    public override Task TokenValidated(TokenValidatedContext context)
    {
        var idToken = context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage.IdToken;
        if (!string.IsNullOrEmpty(idToken))
        {
            context.Properties?.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// RP-Initiated Logout 1.0: with a post_logout_redirect_uri, the provider needs id_token_hint or client_id to know
    /// whose session ends and which client's redirect to check. Strict providers refuse the request without them
    /// (Okta requires id_token_hint), which leaves the provider session alive. The handler sends id_token_hint from
    /// the session (see <see cref="TokenValidated"/>); client_id covers sessions signed in before it was kept.
    /// </summary>
    public override Task RedirectToIdentityProviderForSignOut(RedirectContext context)
    {
        context.ProtocolMessage.ClientId = context.Options.ClientId;
        return Task.CompletedTask;
    }
}
