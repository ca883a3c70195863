using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Serp.Admin.Tests.Fakes.Oidc;

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on a free loopback port of the test process: discovery, JWKS,
/// authorization (code + PKCE), token and end-session endpoints. There is no login page: the authorization
/// endpoint signs in <see cref="SignInAs"/>'s user at once, so a test drives the whole flow with HttpClient.
/// </summary>
/// <remarks>
/// Degraded mode (no OpenIddict stores): the handlers below do what the application manager would do, checking
/// client_id, client_secret, redirect_uri and post_logout_redirect_uri against the one registered client.
/// Authorization codes are self-contained encrypted tokens, so a code is not single-use here.
/// </remarks>
public sealed class TestOidcProvider : IAsyncDisposable
{
    private readonly WebApplication app;
    private TestOidcClient? client;
    private TestOidcUser? user;

    private TestOidcProvider(WebApplication app) => this.app = app;

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash): the app's <c>Auth:Oidc:Authority</c>.</summary>
    public string Authority { get; private set; } = "";

    public Uri AuthorizationEndpoint => new($"{Authority}/connect/authorize");
    public Uri EndSessionEndpoint => new($"{Authority}/connect/endsession");

    /// <summary>The parameters of the last end-session request, for tests that check what the app sent.</summary>
    public IReadOnlyDictionary<string, string?> LastEndSessionRequest { get; private set; } = new Dictionary<string, string?>();

    public static async Task<TestOidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        TestOidcProvider? provider = null;
        TestOidcProvider Self() => provider ?? throw new InvalidOperationException("The provider is not started yet.");

        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetEndSessionEndpointUris("connect/endsession");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
            options.RegisterClaims(Claims.Subject, Claims.Name, Claims.Email, Claims.Role);
            options.AddEphemeralSigningKey().AddEphemeralEncryptionKey().DisableAccessTokenEncryption();
            options.EnableDegradedMode();
            options.UseAspNetCore().DisableTransportSecurityRequirement();

            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler =>
                handler.UseInlineHandler(context => Self().ValidateAuthorization(context)));
            options.AddEventHandler<HandleAuthorizationRequestContext>(handler =>
                handler.UseInlineHandler(context => Self().HandleAuthorization(context)));
            options.AddEventHandler<ValidateTokenRequestContext>(handler =>
                handler.UseInlineHandler(context => Self().ValidateToken(context)));
            options.AddEventHandler<HandleTokenRequestContext>(handler =>
                handler.UseInlineHandler(HandleToken));
            options.AddEventHandler<ValidateEndSessionRequestContext>(handler =>
                handler.UseInlineHandler(context => Self().ValidateEndSession(context)));
            options.AddEventHandler<HandleEndSessionRequestContext>(handler =>
                handler.UseInlineHandler(HandleEndSession));
        });

        var app = builder.Build();
        app.UseAuthentication();
        provider = new TestOidcProvider(app);
        await app.StartAsync();
        provider.Authority = app.Urls.Single().TrimEnd('/');
        return provider;
    }

    /// <summary>Registers the app under test; its addresses are known only once it listens.</summary>
    public void RegisterClient(TestOidcClient registered) => client = registered;

    /// <summary>The user the next authorization request signs in.</summary>
    public void SignInAs(TestOidcUser next) => user = next;

    private TestOidcClient Client => client ?? throw new InvalidOperationException("Register the app with RegisterClient first.");

    private ValueTask ValidateAuthorization(ValidateAuthorizationRequestContext context)
    {
        if (context.ClientId != Client.ClientId)
        {
            context.Reject(Errors.InvalidClient, "Unknown client_id.");
        }
        else if (context.RedirectUri != Client.RedirectUri.AbsoluteUri)
        {
            context.Reject(Errors.InvalidRequest, "redirect_uri is not registered for this client.");
        }
        return default;
    }

    private ValueTask HandleAuthorization(HandleAuthorizationRequestContext context)
    {
        var signedIn = user ?? throw new InvalidOperationException("Choose the user with SignInAs before the flow.");
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, signedIn.Subject)
            .SetClaim(Claims.Name, signedIn.Name)
            .SetClaim(Claims.Email, signedIn.Email)
            .SetClaims(Claims.Role, [.. signedIn.Roles]);
        identity.SetScopes(context.Request.GetScopes());
        // Without destinations OpenIddict puts no claim but sub in the tokens: the app reads name and roles from the ID token.
        identity.SetDestinations(static _ => [Destinations.AccessToken, Destinations.IdentityToken]);
        context.SignIn(new ClaimsPrincipal(identity));
        return default;
    }

    private ValueTask ValidateToken(ValidateTokenRequestContext context)
    {
        if (context.ClientId != Client.ClientId || context.Request.ClientSecret != Client.ClientSecret)
        {
            context.Reject(Errors.InvalidClient, "Unknown client_id or wrong client_secret.");
        }
        return default;
    }

    // Code redemption: OpenIddict has already checked the code, its client, redirect_uri and the PKCE verifier.
    private static ValueTask HandleToken(HandleTokenRequestContext context)
    {
        if (context.Request.IsAuthorizationCodeGrantType() && context.AuthorizationCodePrincipal is { } principal)
        {
            context.SignIn(principal);
        }
        return default;
    }

    private ValueTask ValidateEndSession(ValidateEndSessionRequestContext context)
    {
        LastEndSessionRequest = context.Request.GetParameters()
            .ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
        if (context.PostLogoutRedirectUri is not { } target) return default;
        // RP-Initiated Logout 1.0, section 2: with post_logout_redirect_uri, id_token_hint or client_id says whose
        // session ends and which client's registration to check. Strict providers refuse the request otherwise.
        // OpenIddict itself validates an id_token_hint (signature, issuer, audience = client_id).
        if (string.IsNullOrEmpty(context.Request.IdTokenHint) && string.IsNullOrEmpty(context.ClientId))
        {
            context.Reject(Errors.InvalidRequest, "post_logout_redirect_uri needs id_token_hint or client_id.");
        }
        else if (!string.IsNullOrEmpty(context.ClientId) && context.ClientId != Client.ClientId)
        {
            context.Reject(Errors.InvalidClient, "Unknown client_id.");
        }
        else if (target != Client.PostLogoutRedirectUri.AbsoluteUri)
        {
            context.Reject(Errors.InvalidRequest, "post_logout_redirect_uri is not registered for this client.");
        }
        return default;
    }

    private static ValueTask HandleEndSession(HandleEndSessionRequestContext context)
    {
        context.SignOut();
        return default;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
