using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Serp.Admin.Tests.Integration;

/// <summary>Nothing is public by accident: every route is crawled without a session.</summary>
public sealed class AnonymousAccessTests(AdminAppFixture app) : IClassFixture<AdminAppFixture>
{
    // The only routes an anonymous caller may use: health, webhooks, and the pages around signing in.
    private static readonly string[] PublicPrefixes = ["/health/", "/webhooks/"];
    private static readonly string[] PublicRoutes =
        ["/auth/signin", "/auth/signed-out", "/auth/denied", "/auth/dev-signin", "/auth/login", "/auth/signout", "/error", "/not-found"];

    [Fact]
    public async Task Every_route_but_health_webhooks_and_sign_in_refuses_anonymous_callers()
    {
        using var client = app.Factory.CreateNonRedirectingClient();
        var routes = Routes().ToList();
        Assert.Contains(routes, r => r.Path == "/orders");
        Assert.Contains(routes, r => r.Path == "/monitoring");

        var failures = new List<string>();
        foreach (var (method, path) in routes)
        {
            if (IsPublic(path)) continue;
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
            if (method != "GET") request.Content = new StringContent("");
            using var response = await client.SendAsync(request);
            var refused = response.StatusCode switch
            {
                HttpStatusCode.Redirect => response.Headers.Location?.OriginalString.Contains("/auth/signin", StringComparison.Ordinal) == true,
                HttpStatusCode.Unauthorized or HttpStatusCode.NotFound => true,
                _ => false,
            };
            if (!refused) failures.Add($"{method} {path} → {(int)response.StatusCode} {response.Headers.Location}");
        }

        Assert.True(failures.Count == 0, "Reachable anonymously:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task An_unknown_address_asks_for_sign_in_rather_than_revealing_anything()
    {
        using var client = app.Factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private IEnumerable<(string Method, string Path)> Routes()
    {
        var sources = app.Factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var path = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(Sample));
            if (IsStaticFile(path)) continue;
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m != "OPTIONS")) yield return (method, path);
        }
    }

    private static string Sample(Microsoft.AspNetCore.Routing.Patterns.RoutePatternPathSegment segment) =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.Name.Contains("email", StringComparison.OrdinalIgnoreCase) => "someone@example.com",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "00000000-0000-0000-0000-000000000001",
            _ => "",
        }));

    // Compiled CSS/JS/fonts of the app and its libraries: files, not data (MapStaticAssets().AllowAnonymous()).
    private static bool IsStaticFile(string path) =>
        path.StartsWith("/_content/", StringComparison.Ordinal) || path.StartsWith("/_framework/", StringComparison.Ordinal)
        || System.IO.Path.HasExtension(path.Split('/')[^1]);

    private static bool IsPublic(string path) =>
        PublicRoutes.Contains(path) || PublicPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal));
}
