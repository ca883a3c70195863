using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Serp.Admin.Tests.Fakes.Oidc;

namespace Serp.Admin.Tests.Integration;

/// <summary>
/// The authorization-code flow end to end against a real OpenID Connect provider (OpenIddict, in this process),
/// with the app in Production: every redirect is followed step by step, as a browser would.
/// </summary>
public sealed class OidcSignInTests(OidcAppFixture app) : IClassFixture<OidcAppFixture>
{
    private static readonly TestOidcUser Admin = new("staff-ada", "Ada Lovelace", "ada@example.com", "Admin");
    private static readonly TestOidcUser Viewer = new("staff-vic", "Victor Viewer", "vic@example.com", "Viewer");

    [Fact]
    public async Task Signing_in_through_the_provider_opens_the_requested_page_as_that_user()
    {
        using var browser = new TestBrowser();
        app.Provider.SignInAs(Admin);

        using var challenge = await browser.GetAsync(app.Url("/orders"));
        var authorize = TestBrowser.RedirectTarget(challenge);
        using var authorizeResponse = await browser.GetAsync(authorize);
        var callback = TestBrowser.RedirectTarget(authorizeResponse);
        using var callbackResponse = await browser.GetAsync(callback);
        var landing = TestBrowser.RedirectTarget(callbackResponse);
        using var orders = await browser.GetAsync(landing);

        Assert.Equal(app.Provider.AuthorizationEndpoint, new Uri(authorize.GetLeftPart(UriPartial.Path)));
        var request = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("code", request["response_type"]);
        Assert.Equal("S256", request["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(request["code_challenge"]));
        Assert.Equal(app.Url("/signin-oidc"), new Uri(callback.GetLeftPart(UriPartial.Path)));
        Assert.False(string.IsNullOrEmpty(QueryHelpers.ParseQuery(callback.Query)["code"]));
        Assert.Equal(app.Url("/orders"), landing);
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
        Assert.Contains("Ada Lovelace", await orders.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_session_cookie_from_a_provider_sign_in_is_secure_in_production()
    {
        using var browser = new TestBrowser();
        app.Provider.SignInAs(Admin);
        using var challenge = await browser.GetAsync(app.Url("/orders"));
        using var authorize = await browser.FollowAsync(challenge);

        using var callback = await browser.FollowAsync(authorize);

        var cookie = callback.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("serp.session=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_role_from_the_provider_id_token_is_the_session_role()
    {
        using var browser = new TestBrowser();
        await SignInAsync(browser, Admin);

        // Only Admin may open monitoring.
        using var response = await browser.GetAsync(app.Url("/monitoring"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_viewer_from_the_provider_is_refused_the_admin_page()
    {
        using var browser = new TestBrowser();
        await SignInAsync(browser, Viewer);

        using var response = await browser.GetAsync(app.Url("/monitoring"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(app.Url("/auth/denied").AbsoluteUri, TestBrowser.RedirectTarget(response).GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task A_viewer_from_the_provider_may_open_the_orders_page()
    {
        using var browser = new TestBrowser();
        await SignInAsync(browser, Viewer);

        using var response = await browser.GetAsync(app.Url("/orders"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Victor Viewer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_user_without_a_staff_role_is_refused_the_orders_page()
    {
        using var browser = new TestBrowser();
        app.Provider.SignInAs(new TestOidcUser("guest-gus", "Gus Guest", "gus@example.com", "Guest"));
        using var challenge = await browser.GetAsync(app.Url("/orders"));
        using var authorize = await browser.FollowAsync(challenge);
        using var callback = await browser.FollowAsync(authorize);

        using var response = await browser.FollowAsync(callback);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(app.Url("/auth/denied").AbsoluteUri, TestBrowser.RedirectTarget(response).GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task Signing_out_without_the_form_token_is_refused_and_keeps_the_session()
    {
        using var browser = new TestBrowser();
        await SignInAsync(browser, Admin);

        using var signOut = await browser.PostFormAsync(app.Url("/auth/signout"), new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        using var orders = await browser.GetAsync(app.Url("/orders"));
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_at_the_provider_and_in_the_app()
    {
        using var browser = new TestBrowser();
        await SignInAsync(browser, Admin);
        var token = await SignOutFormTokenAsync(browser);

        using var signOut = await browser.PostFormAsync(app.Url("/auth/signout"),
            new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        var endSession = TestBrowser.RedirectTarget(signOut);
        using var endSessionResponse = await browser.GetAsync(endSession);
        var signedOutCallback = TestBrowser.RedirectTarget(endSessionResponse);
        using var callbackResponse = await browser.GetAsync(signedOutCallback);
        var signedOut = TestBrowser.RedirectTarget(callbackResponse);
        using var signedOutPage = await browser.GetAsync(signedOut);
        using var afterwards = await browser.GetAsync(app.Url("/orders"));

        Assert.Equal(app.Provider.EndSessionEndpoint, new Uri(endSession.GetLeftPart(UriPartial.Path)));
        Assert.Equal(app.Url("/signout-callback-oidc"), new Uri(signedOutCallback.GetLeftPart(UriPartial.Path)));
        Assert.Equal(app.Url("/auth/signed-out"), signedOut);
        Assert.Contains("You have signed out.", await signedOutPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.StartsWith(app.Provider.AuthorizationEndpoint.AbsoluteUri, TestBrowser.RedirectTarget(afterwards).AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_tells_the_provider_whose_session_ends()
    {
        using var browser = new TestBrowser();
        await SignInAsync(browser, Admin);
        var token = await SignOutFormTokenAsync(browser);

        using var signOut = await browser.PostFormAsync(app.Url("/auth/signout"),
            new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        using var endSession = await browser.FollowAsync(signOut);

        Assert.Equal(HttpStatusCode.Redirect, endSession.StatusCode);
        var request = app.Provider.LastEndSessionRequest;
        Assert.Equal(OidcAppFixture.ClientId, request.GetValueOrDefault("client_id"));
        Assert.False(string.IsNullOrEmpty(request.GetValueOrDefault("id_token_hint")), "The end-session request carries no id_token_hint.");
    }

    [Fact]
    public async Task A_tampered_authorization_code_does_not_sign_in()
    {
        using var browser = new TestBrowser();
        app.Provider.SignInAs(Admin);
        using var challenge = await browser.GetAsync(app.Url("/orders"));
        using var authorize = await browser.FollowAsync(challenge);
        var callback = TestBrowser.RedirectTarget(authorize);
        var query = QueryHelpers.ParseQuery(callback.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        query["code"] = "not-a-code-the-provider-issued";

        using var response = await browser.GetAsync(new Uri(QueryHelpers.AddQueryString(callback.GetLeftPart(UriPartial.Path), query)));

        Assert.Equal(app.Url("/auth/signin?error=provider"), TestBrowser.RedirectTarget(response));
        Assert.Null(browser.CookiesFor(app.Url("/"))["serp.session"]);
        using var orders = await browser.GetAsync(app.Url("/orders"));
        Assert.StartsWith(app.Provider.AuthorizationEndpoint.AbsoluteUri, TestBrowser.RedirectTarget(orders).AbsoluteUri, StringComparison.Ordinal);
    }

    /// <summary>The whole flow from an anonymous GET /orders; returns the HTML of the orders page.</summary>
    private async Task<string> SignInAsync(TestBrowser browser, TestOidcUser user)
    {
        app.Provider.SignInAs(user);
        using var challenge = await browser.GetAsync(app.Url("/orders"));
        using var authorize = await browser.FollowAsync(challenge);
        using var callback = await browser.FollowAsync(authorize);
        using var orders = await browser.FollowAsync(callback);
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
        return await orders.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// The antiforgery token of the user menu's sign-out form. That form sits in a MudMenu popover, which is rendered
    /// only once the menu is opened in a live circuit, so it is not in the prerendered HTML. The app's own
    /// IAntiforgery issues the same token the form would carry: for this browser's antiforgery cookie and this
    /// session's user (the request token is bound to the signed-in subject).
    /// </summary>
    private async Task<string> SignOutFormTokenAsync(TestBrowser browser)
    {
        var signOut = app.Url("/auth/signout");
        using var scope = app.Factory.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Scheme = signOut.Scheme;
        context.Request.Host = new HostString(signOut.Authority);
        context.Request.Headers.Cookie = browser.CookieHeader(signOut);
        var session = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        Assert.True(session.Succeeded, "The browser has no session to sign out of.");
        context.User = session.Principal;

        var tokens = scope.ServiceProvider.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);

        browser.StoreCookies(signOut, context.Response.Headers.SetCookie.Select(c => c ?? ""));
        return tokens.RequestToken ?? throw new InvalidOperationException("IAntiforgery issued no request token.");
    }
}
