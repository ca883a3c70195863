using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serp.Admin.Webhooks;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.Integration.Webhooks;

/// <summary>
/// The provider-neutral door with a stand-in verifier: a verification that hangs or cannot reach its provider is a
/// 503 (the provider retries), counted, and nothing is stored.
/// </summary>
public sealed class WebhookDoorTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    [Fact]
    public async Task A_verification_that_hangs_is_answered_503_within_ten_seconds_and_stores_nothing()
    {
        await using var factory = WithVerifier(new StandInVerifier(hang: true));
        using var client = factory.CreateClient();
        var eventId = "evt_hang_" + Guid.NewGuid().ToString("N");

        var clock = Stopwatch.StartNew();
        using var response = await client.DeliverAsync($$"""{"id":"{{eventId}}","type":"charge.succeeded"}""", "t=1,v1=00");
        clock.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, WebhookDoor.AnswerWithin - TimeSpan.FromSeconds(1), WebhookDoor.AnswerWithin + TimeSpan.FromSeconds(5));
        Assert.True(factory.Services.GetRequiredService<WebhookMetrics>().RejectedTotals.ContainsKey("stripe:verification_unavailable"));
        Assert.Equal(0, await StoredAsync(eventId));
    }

    [Fact]
    public async Task A_verifier_that_cannot_reach_its_provider_gets_503_with_its_reason_counted_and_stores_nothing()
    {
        await using var factory = WithVerifier(new StandInVerifier(hang: false));
        using var client = factory.CreateClient();
        var eventId = "evt_down_" + Guid.NewGuid().ToString("N");

        using var response = await client.DeliverAsync($$"""{"id":"{{eventId}}","type":"charge.succeeded"}""", "t=1,v1=00");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(factory.Services.GetRequiredService<WebhookMetrics>().RejectedTotals.ContainsKey("stripe:provider_unreachable"));
        Assert.Equal(0, await StoredAsync(eventId));
    }

    private WebApplicationFactory<Program> WithVerifier(IWebhookVerifier verifier) =>
        app.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            // Only Stripe's verifier is stood in for: every other provider's door is still mapped and needs its own.
            services.RemoveAll<IWebhookVerifier>();
            services.AddSingleton(verifier);
            services.AddSingleton<IWebhookVerifier, Serp.Admin.Integrations.PayPal.PayPalWebhookVerifier>();
        }));

    private async Task<int> StoredAsync(string eventId)
    {
        await using var db = app.Database.CreateDbContext();
        return await db.WebhookEvents.CountAsync(e => e.EventId == eventId);
    }

    /// <summary>Stands in for a provider whose verification API hangs, or answers that it is down.</summary>
    private sealed class StandInVerifier(bool hang) : IWebhookVerifier
    {
        public string Provider => PaymentSource.Stripe;

        public bool IsConfigured => true;

        public bool LooksFresh(IHeaderDictionary headers) => true;

        public async Task<WebhookVerdict> VerifyAsync(byte[] body, IHeaderDictionary headers, CancellationToken ct)
        {
            if (hang) await Task.Delay(Timeout.Infinite, ct);
            return new WebhookVerdict.Unavailable("provider_unreachable", "The provider's verification API did not answer.");
        }
    }
}
