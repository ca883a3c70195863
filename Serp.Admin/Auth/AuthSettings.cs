namespace Serp.Admin.Auth;

/// <summary><c>Auth:Oidc</c>. With no <see cref="Authority"/>, only Development may run (with dev sign-in).</summary>
public sealed class OidcSettings
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>The claim in the ID token that carries Viewer / Support / Admin.</summary>
    public string RoleClaim { get; set; } = "role";
    /// <summary>Only for a provider on plain http (a test provider on loopback).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}

/// <summary><c>Auth:Session</c>: how long a staff session lasts.</summary>
public sealed class SessionSettings
{
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);
}
