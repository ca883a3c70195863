using System.Security.Claims;
using Serp.Admin.Auth;

namespace Serp.Admin.Tests.Domain;

public sealed class StaffIdentityTests
{
    private static ClaimsPrincipal User(params Claim[] claims) =>
        new(new ClaimsIdentity(claims, "test", "name", "role"));

    [Fact]
    public void The_actor_is_the_lower_case_email_whatever_the_display_name()
    {
        var user = User(new Claim("sub", "00u1"), new Claim("name", "Grace H."), new Claim("email", " Grace@Example.COM "));

        Assert.Equal("grace@example.com", StaffIdentity.Actor(user));
    }

    [Fact]
    public void Without_an_email_the_actor_is_the_subject()
    {
        Assert.Equal("00u1", StaffIdentity.Actor(User(new Claim("sub", "00u1"), new Claim("name", "Grace H."))));
    }

    [Theory]
    [InlineData("Viewer", "Support", false)]
    [InlineData("Support", "Support", true)]
    [InlineData("Admin", "Support", true)]
    [InlineData("Support", "Admin", false)]
    public void Roles_include_the_ones_below_them(string held, string required, bool expected)
    {
        Assert.Equal(expected, StaffIdentity.HasAtLeast(User(new Claim("role", held)), required));
    }
}
