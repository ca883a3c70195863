using System.Net;
using Microsoft.Extensions.Options;
using Serp.Admin.Integrations.Ghl;
using Serp.Admin.Tests.Fakes.Ghl;
using Serp.Admin.Tests.Integration.Webhooks;
using Serp.Admin.Tests.TestData;
using Serp.Admin.Tests.TestData.Stripe;

namespace Serp.Admin.Tests.Integration.Monitoring;

/// <summary>The app with a metrics token, Stripe webhooks (processor driven by the test) and the fake GHL.</summary>
public sealed class MetricsAppFixture : IAsyncLifetime
{
    public const string Token = "metrics-token-0123456789abcdef";

    public PostgresFixture Database { get; } = new();
    public FakeGhlApi Ghl { get; private set; } = null!;
    public AdminAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Ghl = await FakeGhlApi.StartAsync();
        var settings = WebhookAppFixture.Settings();
        foreach (var (key, value) in Ghl.Settings()) settings[key] = value;
        settings["Monitoring:MetricsToken"] = Token;
        App = new AdminAppFactory(Database.ConnectionString, settings: settings);
        _ = App.Services;
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        if (Ghl is not null) await Ghl.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>
/// <c>/metrics</c>: 404 without a configured token, 401 without the right bearer token (never the sign-in redirect),
/// and with it Prometheus text carrying our own instruments after real activity.
/// </summary>
public sealed class MetricsEndpointTests(MetricsAppFixture fixture) : IClassFixture<MetricsAppFixture>
{
    private static HttpRequestMessage Scrape(string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    [Fact]
    public async Task Without_a_configured_token_metrics_is_not_found_and_not_a_sign_in_redirect()
    {
        await using var app = new AdminAppFactory(fixture.Database.ConnectionString, settings: WebhookAppFixture.Settings());
        using var client = app.CreateNonRedirectingClient();

        using var anonymous = await client.SendAsync(Scrape(null));
        using var withSomeToken = await client.SendAsync(Scrape("Bearer " + MetricsAppFixture.Token));

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withSomeToken.StatusCode);
        Assert.DoesNotContain("# TYPE", await withSomeToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer wrong-token-0123456789abcdef")]
    [InlineData("Bearer " + MetricsAppFixture.Token + "x")]
    [InlineData("Basic " + MetricsAppFixture.Token)]
    [InlineData(MetricsAppFixture.Token)]
    public async Task A_missing_or_wrong_token_is_refused_with_401_and_no_metrics(string? authorization)
    {
        using var client = fixture.App.CreateNonRedirectingClient();

        using var response = await client.SendAsync(Scrape(authorization));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("bearer token is required", body, StringComparison.Ordinal);
        Assert.DoesNotContain("serp_", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_token_metrics_is_prometheus_text_with_our_instruments_after_activity()
    {
        using var client = fixture.App.CreateNonRedirectingClient();
        var before = await ScrapeAsync(client);
        Assert.Contains("# TYPE serp_circuits_open", before, StringComparison.Ordinal); // observed, so there at 0 too
        Assert.Contains("# TYPE serp_ghl_backlog", before, StringComparison.Ordinal);

        // Webhooks: two refused, one received and processed.
        var events = new StripeEvents(StripePurchaseIds.New(), DateTimeOffset.UtcNow.AddMinutes(-5));
        using (var refused = await client.DeliverAsync(events.SessionCompleted(), signature: "t=1,v1=forged")) Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using (var refused = await client.DeliverAsync(events.SessionCompleted(), signature: null)) Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using (var accepted = await client.DeliverAsync(events.SessionCompleted())) Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(1, await WebhookAppFixture.ProcessAllAsync(fixture.App));
        // GHL: a call answered 429, which the client waits out and repeats (answered 200).
        fixture.Ghl.RateLimitNext(1, TimeSpan.FromMilliseconds(200));
        Assert.NotEmpty(await fixture.App.Services.GetRequiredService<IGhlApi>().ListCustomFieldsAsync(null, CancellationToken.None));
        Assert.Contains(fixture.Ghl.Requests, r => r.Status == 429);

        string after = "";
        // The exporter caches a scrape for 300 ms; the counters are cumulative, so wait for them to reach the activity.
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            after = await ScrapeAsync(client);
            if (Sum(after, "serp_ghl_rate_limited_total") >= Sum(before, "serp_ghl_rate_limited_total") + 1
                && Sum(after, "serp_webhooks_processed_total", "provider=\"stripe\"") >= Sum(before, "serp_webhooks_processed_total", "provider=\"stripe\"") + 1) break;
        }

        Assert.True(Delta("serp_webhooks_received_total", "provider=\"stripe\"", "duplicate=\"false\"") >= 1, after);
        Assert.True(Delta("serp_webhooks_rejected_total", "provider=\"stripe\"", "reason=\"bad_signature\"") >= 1, after);
        Assert.True(Delta("serp_webhooks_rejected_total", "provider=\"stripe\"", "reason=\"missing_signature\"") >= 1, after);
        Assert.True(Delta("serp_webhooks_processed_total", "provider=\"stripe\"", "outcome=\"processed\"") >= 1, after);
        Assert.True(Delta("serp_webhooks_processing_lag_seconds_count", "provider=\"stripe\"") >= 1, after);
        Assert.True(Delta("serp_ghl_requests_total", "status=\"429\"") >= 1, after);
        Assert.True(Delta("serp_ghl_requests_total", "status=\"200\"") >= 1, after);
        Assert.True(Delta("serp_ghl_rate_limited_total") >= 1, after);
        Assert.Contains("# TYPE serp_webhooks_waiting gauge", after, StringComparison.Ordinal);
        Assert.Contains("# TYPE serp_webhooks_oldest_waiting_age_seconds gauge", after, StringComparison.Ordinal);
        // The standard instrumentation rides along: ASP.NET Core saw the webhook requests.
        Assert.Contains("http_server_request_duration_seconds_bucket", after, StringComparison.Ordinal);

        double Delta(string metric, params string[] labels) => Sum(after, metric, labels) - Sum(before, metric, labels);
    }

    [Fact]
    public async Task A_metrics_token_too_short_to_be_secret_stops_the_app_at_start_with_a_clear_message()
    {
        var settings = WebhookAppFixture.Settings();
        settings["Monitoring:MetricsToken"] = "short";
        await using var app = new AdminAppFactory(fixture.Database.ConnectionString, settings: settings);

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.Services);

        Assert.Contains("Monitoring:MetricsToken must be at least 16 characters", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.SendAsync(Scrape("Bearer " + MetricsAppFixture.Token));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return body;
    }

    private static double Sum(string text, string metric, params string[] labels) => PrometheusText.Sum(text, metric, labels);
}
