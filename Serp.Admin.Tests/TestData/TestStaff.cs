using System.Security.Claims;

namespace Serp.Admin.Tests.TestData;

internal static class TestStaff
{
    /// <summary>A signed-in staff member with one role and the email <c>{role}@serp.local</c> (the audit actor).</summary>
    public static ClaimsPrincipal WithRole(string role) =>
        new(new ClaimsIdentity([new Claim("sub", "sub-" + role), new Claim("email", $"{role.ToLowerInvariant()}@serp.local"), new Claim(ClaimTypes.Role, role)],
            "test", "name", ClaimTypes.Role));
}
