namespace Serp.Admin.Auth;

/// <summary>The three staff roles, each including the ones before it: Viewer ⊂ Support ⊂ Admin.</summary>
public static class Roles
{
    public const string Viewer = "Viewer";
    public const string Support = "Support";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Viewer, Support, Admin];
}

/// <summary>Authorization policy names; pages use these, never raw role checks.</summary>
public static class Policies
{
    /// <summary>Any staff member: read-only pages. Also the default for a bare <c>[Authorize]</c>.</summary>
    public const string Viewer = "Viewer";
    /// <summary>Support agents and admins: customer-facing actions (resync, refunds).</summary>
    public const string Support = "Support";
    /// <summary>Admins: monitoring, replay, reconciliation, configuration-level actions.</summary>
    public const string Admin = "Admin";
}
