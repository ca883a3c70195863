using System.Globalization;
using System.Security.Claims;

namespace Serp.Admin.Auth;

/// <summary>Reads what the app needs from a staff principal, whichever way they signed in.</summary>
public static class StaffIdentity
{
    public static string Subject(ClaimsPrincipal? user) =>
        user?.FindFirst("sub")?.Value ?? user?.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "(anonymous)";

    /// <summary>
    /// Who did it, as <c>audit_log.actor</c>, <c>refunds.requested_by</c> and note authors record it: the staff
    /// member's email (lower case) when the identity provider gives one, else the subject. The same string for the
    /// same person in every action (docs/decisions/0008).
    /// </summary>
    public static string Actor(ClaimsPrincipal? user) =>
        user?.FindFirst("email")?.Value is { Length: > 0 } email ? email.Trim().ToLowerInvariant() : Subject(user);

    /// <summary>Whether the user holds <paramref name="role"/> or a higher one (Viewer ⊂ Support ⊂ Admin).</summary>
    public static bool HasAtLeast(ClaimsPrincipal? user, string role)
    {
        var index = Array.IndexOf([.. Roles.All], role);
        if (user is null || index < 0) return false;
        return Roles.All.Skip(index).Any(user.IsInRole);
    }

    public static string DisplayName(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.Name ?? user.FindFirst("email")?.Value ?? Subject(user);
    }

    /// <summary>The highest of Viewer / Support / Admin the user holds, or null.</summary>
    public static string? Role(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Roles.All.LastOrDefault(user.IsInRole);
    }

    public static string RolesText(ClaimsPrincipal? user) =>
        user is null ? "" : string.Join(",", Roles.All.Where(user.IsInRole));

    public static bool SessionExpired(ClaimsPrincipal user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        var value = user.FindFirst(SessionCookieEvents.SessionExpiresClaim)?.Value;
        return value is null
            || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || now.ToUnixTimeSeconds() >= expires;
    }
}
