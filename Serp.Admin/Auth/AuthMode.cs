namespace Serp.Admin.Auth;

/// <summary>How staff sign in, decided once at start-up from <c>Auth:Oidc</c> and the environment.</summary>
public sealed record AuthMode(OidcSettings Oidc, bool DevSignIn)
{
    public bool UsesOidc => !DevSignIn;

    /// <summary>The claim type roles are read from, for dev sign-in and OIDC alike.</summary>
    public string RoleClaim => Oidc.RoleClaim;

    public static AuthMode Resolve(OidcSettings oidc, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(oidc);
        ArgumentNullException.ThrowIfNull(environment);
        if (string.IsNullOrWhiteSpace(oidc.Authority))
        {
            if (environment.IsDevelopment()) return new AuthMode(oidc, DevSignIn: true);
            throw new InvalidOperationException(
                $"Serp Admin refuses to start in {environment.EnvironmentName} without an identity provider: " +
                "set Auth:Oidc:Authority and Auth:Oidc:ClientId (and Auth:Oidc:ClientSecret for a confidential client). " +
                "Development sign-in exists only in the Development environment.");
        }

        if (string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            throw new InvalidOperationException("Auth:Oidc:Authority is set but Auth:Oidc:ClientId is missing.");
        }

        if (string.IsNullOrWhiteSpace(oidc.RoleClaim))
        {
            throw new InvalidOperationException("Auth:Oidc:RoleClaim must name the claim that carries Viewer, Support or Admin.");
        }

        return new AuthMode(oidc, DevSignIn: false);
    }
}
