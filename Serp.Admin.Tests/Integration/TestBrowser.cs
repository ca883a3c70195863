using System.Net;
using System.Text.RegularExpressions;

namespace Serp.Admin.Tests.Integration;

/// <summary>
/// Plays the browser in a redirect-driven flow such as OpenID Connect sign-in: redirects are never followed by
/// themselves (every hop is a step the test sees and can assert), and cookies are kept in one jar per origin.
/// </summary>
/// <remarks>
/// The app in Production marks every cookie Secure. <see cref="CookieContainer"/> never sends a Secure cookie over
/// http, and the test servers are plain http on loopback, so the jar stores cookies without the Secure flag.
/// </remarks>
public sealed partial class TestBrowser : IDisposable
{
    private readonly Dictionary<string, CookieContainer> jars = new(StringComparer.Ordinal);
    private readonly HttpClient client;

    public TestBrowser() =>
        client = new HttpClient(new CookieJarHandler(this)
        {
            InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false },
        });

    public Task<HttpResponseMessage> GetAsync(Uri uri) => client.GetAsync(uri);

    public Task<HttpResponseMessage> PostFormAsync(Uri uri, IDictionary<string, string> form) =>
        client.PostAsync(uri, new FormUrlEncodedContent(form));

    /// <summary>Follows one redirect with a GET, as a browser does after a 302.</summary>
    public Task<HttpResponseMessage> FollowAsync(HttpResponseMessage redirect) => GetAsync(RedirectTarget(redirect));

    /// <summary>The absolute address a redirect points to (relative locations resolved against the request).</summary>
    public static Uri RedirectTarget(HttpResponseMessage redirect)
    {
        ArgumentNullException.ThrowIfNull(redirect);
        Assert.True(redirect.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"Expected a redirect from {redirect.RequestMessage?.RequestUri} but got {(int)redirect.StatusCode}.");
        var location = redirect.Headers.Location ?? throw new InvalidOperationException("A redirect without a Location header.");
        return location.IsAbsoluteUri ? location : new Uri(redirect.RequestMessage!.RequestUri!, location);
    }

    public CookieCollection CookiesFor(Uri uri) => Jar(uri).GetCookies(uri);

    /// <summary>The <c>Cookie</c> header the browser would send to <paramref name="uri"/>.</summary>
    public string CookieHeader(Uri uri) => Jar(uri).GetCookieHeader(uri);

    public void StoreCookies(Uri uri, IEnumerable<string> setCookieHeaders)
    {
        ArgumentNullException.ThrowIfNull(setCookieHeaders);
        foreach (var header in setCookieHeaders)
        {
            Jar(uri).SetCookies(uri, SecureAttribute().Replace(header, ""));
        }
    }

    private CookieContainer Jar(Uri uri)
    {
        var origin = uri.GetLeftPart(UriPartial.Authority);
        if (!jars.TryGetValue(origin, out var jar)) jars[origin] = jar = new CookieContainer();
        return jar;
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex(@";\s*secure\s*(?=;|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SecureAttribute();

    private sealed class CookieJarHandler(TestBrowser browser) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var cookies = browser.CookieHeader(uri);
            if (cookies.Length > 0) request.Headers.Add("Cookie", cookies);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies)) browser.StoreCookies(uri, setCookies);
            return response;
        }
    }
}
