using System.Net;
using Microsoft.EntityFrameworkCore;
using Serp.Admin.Tests.TestData.Stripe;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Tests.Integration.Webhooks;

/// <summary>The door: what is verified is stored once and answered 200; anything else is refused and leaves no trace.</summary>
public sealed class StripeWebhookReceivingTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    private readonly StripeEvents events = new(StripePurchaseIds.New(), DateTimeOffset.UtcNow.AddMinutes(-10));

    [Fact]
    public async Task A_signed_event_is_stored_and_answered_200()
    {
        using var client = app.Factory.CreateClient();
        var payload = events.SessionCompleted();

        using var response = await client.DeliverAsync(payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await StoredAsync(events.Ids.Suffix);
        var row = Assert.Single(stored);
        Assert.Equal(("stripe", "checkout.session.completed", WebhookEventStatus.Received), (row.Provider, row.EventType, row.Status));
        Assert.Equal(StripeEvents.CurrentApiVersion, row.ApiVersion);
        // jsonb normalises white space; the stored event is the same JSON value as the delivery.
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(payload),
            System.Text.Json.Nodes.JsonNode.Parse(row.Payload.RootElement.GetRawText())));
    }

    [Fact]
    public async Task Three_deliveries_of_one_event_store_it_once()
    {
        using var client = app.Factory.CreateClient();
        var payload = events.SessionCompleted();

        var bodies = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.DeliverAsync(payload);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Single(await StoredAsync(events.Ids.Suffix));
        Assert.Contains("\"duplicate\":false", bodies[0], StringComparison.Ordinal);
        Assert.All(bodies.Skip(1), b => Assert.Contains("\"duplicate\":true", b, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_signed_with_the_previous_secret_is_accepted_during_rotation()
    {
        using var client = app.Factory.CreateClient();
        var payload = events.ChargeSucceeded();

        using var response = await client.DeliverAsync(payload, StripeSigner.Header(payload, StripeSigner.PreviousSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await StoredAsync(events.Ids.Suffix));
    }

    [Theory]
    [InlineData("2025-03-31.basil")]
    [InlineData("2024-06-20")]
    public async Task An_event_of_an_older_api_version_is_accepted_and_its_version_recorded(string apiVersion)
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.DeliverAsync(events.SessionCompleted(apiVersion: apiVersion));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(apiVersion, Assert.Single(await StoredAsync(events.Ids.Suffix)).ApiVersion);
    }

    public static TheoryData<string, Func<string, string?>, Func<string, string>> Refusals() => new()
    {
        { "tampered body", p => StripeSigner.Header(p), p => p.Replace("9700", "1", StringComparison.Ordinal) },
        { "wrong secret", p => StripeSigner.Header(p, "whsec_someone_else"), p => p },
        { "stale timestamp", p => StripeSigner.Header(p, at: DateTimeOffset.UtcNow.AddSeconds(-301)), p => p },
        { "future timestamp", p => StripeSigner.Header(p, at: DateTimeOffset.UtcNow.AddSeconds(400)), p => p },
        { "missing header", _ => null, p => p },
        { "garbage header", _ => "t=abc,v1=nothing", p => p },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_delivery_that_fails_verification_gets_400_and_stores_nothing(string name, Func<string, string?> sign, Func<string, string> alter)
    {
        Assert.NotEmpty(name);
        using var client = app.Factory.CreateClient();
        var payload = events.SessionCompleted();

        using var response = await client.DeliverAsync(alter(payload), sign(payload));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(events.Ids.Suffix));
    }

    [Fact]
    public async Task A_signed_body_that_is_not_json_gets_400_and_stores_nothing()
    {
        using var client = app.Factory.CreateClient();
        var payload = "{\"id\": \"evt_" + events.Ids.Suffix + "\", \"type\": ";

        using var response = await client.DeliverAsync(payload);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await StoredAsync(events.Ids.Suffix));
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_gets_413_and_stores_nothing()
    {
        using var client = app.Factory.CreateClient();
        var padding = new string('x', 1024 * 1024);
        var payload = events.Event("checkout.session.completed", 5, events.Session("complete", "paid", "offer-serp-downloader", 9700, "usd")).TrimEnd('}') +
                      $",\"padding\":\"{padding}\"}}";

        using var response = await client.DeliverAsync(payload);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await StoredAsync(events.Ids.Suffix));
    }

    [Fact]
    public async Task The_payloads_used_here_are_real_stripe_events_for_stripe_net()
    {
        string[] payloads =
        [
            events.SessionCompleted(), events.SessionAsync(true), events.SessionExpired(), events.IntentSucceeded(), events.IntentFailed(),
            events.ChargeSucceeded(), events.ChargeRefunded(9700), events.RefundEvent(), events.DisputeEvent(),
        ];

        foreach (var payload in payloads)
        {
            var parsed = global::Stripe.EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false);
            Assert.NotNull(parsed.Data.Object);
        }
        await Task.CompletedTask;
    }

    private async Task<List<WebhookEvent>> StoredAsync(string suffix)
    {
        await using var db = app.Database.CreateDbContext();
        return await db.WebhookEvents.AsNoTracking().Where(e => e.EventId.Contains(suffix)).ToListAsync();
    }
}
