using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Serp.Admin.Auth;

internal static class AuthExtensions
{
    /// <summary>Cookie sessions, OpenID Connect (code + PKCE) or Development sign-in, and the role policies.</summary>
    public static IHostApplicationBuilder AddAdminAuth(this IHostApplicationBuilder builder)
    {
        var oidc = builder.Configuration.GetSection("Auth:Oidc").Get<OidcSettings>() ?? new OidcSettings();
        var session = builder.Configuration.GetSection("Auth:Session").Get<SessionSettings>() ?? new SessionSettings();
        var mode = AuthMode.Resolve(oidc, builder.Environment);
        builder.Services.AddSingleton(mode);
        builder.Services.AddSingleton(session);
        // Cookies are Secure everywhere but Development, where the app is served on plain http://127.0.0.1.
        var securePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

        var authentication = builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.DefaultChallengeScheme = mode.UsesOidc
                ? OpenIdConnectDefaults.AuthenticationScheme
                : CookieAuthenticationDefaults.AuthenticationScheme;
            options.DefaultForbidScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        });

        authentication.AddCookie(options =>
        {
            options.Cookie.Name = "serp.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = securePolicy;
            options.ExpireTimeSpan = session.IdleTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = "/auth/signin";
            options.AccessDeniedPath = "/auth/denied";
            options.ReturnUrlParameter = "returnUrl";
            options.EventsType = typeof(SessionCookieEvents);
        });
        builder.Services.AddScoped<SessionCookieEvents>();

        if (mode.UsesOidc)
        {
            authentication.AddOpenIdConnect(options =>
            {
                options.Authority = oidc.Authority;
                options.ClientId = oidc.ClientId;
                options.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
                options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                // The handler's default is id_token (implicit flow): always ask for the code flow explicitly.
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;
                // Query keeps the return a top-level GET, so SameSite=Lax correlation cookies survive it.
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.MapInboundClaims = false;
                options.SaveTokens = false;
                options.Scope.Add("email");
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = oidc.RoleClaim;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = securePolicy;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = securePolicy;
                options.SignedOutRedirectUri = "/auth/signed-out";
                options.EventsType = typeof(OidcEvents);
            });
            builder.Services.AddScoped<OidcEvents>();
        }

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .SetDefaultPolicy(RolePolicy(Roles.Viewer, Roles.Support, Roles.Admin))
            .AddPolicy(Policies.Viewer, RolePolicy(Roles.Viewer, Roles.Support, Roles.Admin))
            .AddPolicy(Policies.Support, RolePolicy(Roles.Support, Roles.Admin))
            .AddPolicy(Policies.Admin, RolePolicy(Roles.Admin));
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, LoggingAuthorizationResultHandler>();
        return builder;
    }

    private static AuthorizationPolicy RolePolicy(params string[] roles) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(roles).Build();
}
