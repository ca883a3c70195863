using System.Net;
using Serp.Admin.Tests.TestData;

namespace Serp.Admin.Tests.Integration;

public sealed class AuthenticationTests(AdminAppFixture app) : IClassFixture<AdminAppFixture>
{
    [Fact]
    public async Task Dev_sign_in_opens_the_orders_page()
    {
        using var client = app.Factory.CreateNonRedirectingClient();
        await client.SignInAsDevAsync("Admin");

        using var response = await client.GetAsync(new Uri("/orders", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Orders · Serp Admin</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_sign_in_refuses_an_unknown_role()
    {
        using var client = app.Factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/auth/dev-signin?role=Owner", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith("serp.session", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    public async Task Sign_in_never_redirects_off_site(string returnUrl)
    {
        using var client = app.Factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri($"/auth/dev-signin?role=Viewer&returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/orders", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_viewer_is_refused_a_page_that_needs_admin()
    {
        using var client = app.Factory.CreateNonRedirectingClient();
        await client.SignInAsDevAsync("Viewer");

        using var response = await client.GetAsync(new Uri("/monitoring", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/auth/denied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_may_open_the_admin_page()
    {
        using var client = app.Factory.CreateNonRedirectingClient();
        await client.SignInAsDevAsync("Admin");

        using var response = await client.GetAsync(new Uri("/monitoring", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site()
    {
        using var client = app.Factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/auth/dev-signin?role=Viewer", UriKind.Relative));

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("serp.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sessions_survive_a_restart_because_keys_live_in_postgres()
    {
        using var first = app.Factory.CreateNonRedirectingClient();
        using var signIn = await first.GetAsync(new Uri("/auth/dev-signin?role=Admin", UriKind.Relative));
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("serp.session=", StringComparison.Ordinal)).Split(';')[0];

        // A second instance of the app over the same database: another process, same keys.
        await using var second = new AdminAppFactory(app.Database.ConnectionString);
        using var client = second.CreateNonRedirectingClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/orders", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Production_without_an_identity_provider_refuses_to_start()
    {
        await using var factory = new AdminAppFactory(app.Database.ConnectionString, environment: "Production");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var message = error is InvalidOperationException ? error.Message : error.InnerException?.Message ?? error.Message;
        Assert.Contains("Auth:Oidc:Authority", message, StringComparison.Ordinal);
        Assert.Contains("Auth:Oidc:ClientId", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_has_no_dev_sign_in_route()
    {
        await using var factory = new AdminAppFactory(app.Database.ConnectionString, environment: "Production",
            settings: new Dictionary<string, string?>
            {
                ["Auth:Oidc:Authority"] = "https://login.example.invalid",
                ["Auth:Oidc:ClientId"] = "serp-admin",
            });

        var routes = factory.Services.GetRequiredService<IEnumerable<Microsoft.AspNetCore.Routing.EndpointDataSource>>()
            .SelectMany(s => s.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText).ToList();

        Assert.Contains("/auth/login", routes);
        Assert.DoesNotContain("/auth/dev-signin", routes);
    }

    [Fact]
    public async Task Responses_carry_the_security_headers()
    {
        using var client = app.Factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/auth/signin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task The_sign_in_page_says_plainly_that_it_is_development_sign_in()
    {
        using var client = app.Factory.CreateNonRedirectingClient();

        var html = await client.GetStringAsync(new Uri("/auth/signin?returnUrl=/orders", UriKind.Relative));

        Assert.Contains("Development sign-in", html, StringComparison.Ordinal);
        Assert.Contains("/auth/dev-signin?role=Admin&amp;returnUrl=%2Forders", html, StringComparison.Ordinal);
    }
}
