using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Serp.Admin.Tests.Fakes;
using Serp.Admin.Tests.TestData;
using Serp.Admin.Tests.TestData.Stripe;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.Integration.Webhooks;

public sealed class DatabaseOutageTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task While_the_database_is_down_deliveries_get_503_and_the_redelivery_after_it_is_stored_and_processed()
    {
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var outage = new TcpOutage(server.Port);
        var throughOutage = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = outage.Port, Timeout = 3 }.ConnectionString;
        await using var app = new AdminAppFactory(throughOutage, settings: WebhookAppFixture.Settings());
        using var client = app.CreateClient();
        var events = new StripeEvents(StripePurchaseIds.New(), DateTimeOffset.UtcNow.AddMinutes(-1));
        var payload = events.SessionCompleted();

        outage.Cut();
        using var duringOutage = await client.DeliverAsync(payload);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
        Assert.Contains("retry later", await duringOutage.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        outage.Restore();
        // Stripe redelivers until it gets a 2xx; the first try after the outage may still meet a dead pooled connection.
        HttpStatusCode status = default;
        for (var attempt = 0; attempt < 3 && status != HttpStatusCode.OK; attempt++)
        {
            using var redelivery = await client.DeliverAsync(payload);
            status = redelivery.StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, status);

        var processor = app.Services.GetRequiredService<WebhookProcessor>();
        while (await processor.ProcessNextAsync(CancellationToken.None))
        {
        }
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.WebhookEvents.CountAsync(e => e.EventId.Contains(events.Ids.Suffix)));
        var order = await db.Orders.SingleAsync(o => o.StripePaymentIntentId == events.Ids.PaymentIntent);
        Assert.Equal(PaymentStatus.Paid, order.PaymentStatus);
    }
}
