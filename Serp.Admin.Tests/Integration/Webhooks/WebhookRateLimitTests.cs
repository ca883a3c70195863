using System.Net;
using Serp.Admin.Tests.TestData;
using Serp.Admin.Tests.TestData.Stripe;

namespace Serp.Admin.Tests.Integration.Webhooks;

public sealed class WebhookRateLimitTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_flood_of_unsigned_garbage_is_limited_while_signed_deliveries_go_through()
    {
        var settings = WebhookAppFixture.Settings();
        settings["Webhooks:RateLimit:UnsignedPerMinute"] = "5";
        await using var app = new AdminAppFactory(database.ConnectionString, settings: settings);
        using var client = app.CreateClient();

        var garbage = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.DeliverAsync("{\"id\":\"evt_x\",\"type\":\"charge.succeeded\"}", signature: null);
            garbage.Add(response.StatusCode);
        }
        var events = new StripeEvents(StripePurchaseIds.New(), DateTimeOffset.UtcNow.AddMinutes(-5));
        using var signed = await client.DeliverAsync(events.SessionCompleted());

        Assert.All(garbage.Take(5), s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, garbage[5]);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
    }
}
