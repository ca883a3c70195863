using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Serp.Admin.Tests.TestData;
using Serp.Admin.Tests.TestData.Stripe;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.Integration.Webhooks;

public sealed class BackgroundProcessingTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_hosted_processor_turns_a_delivery_into_an_order_without_being_asked()
    {
        await using var app = new AdminAppFactory(database.ConnectionString, settings: WebhookAppFixture.Settings(processorEnabled: true));
        using var client = app.CreateClient();
        var events = new StripeEvents(StripePurchaseIds.New(), DateTimeOffset.UtcNow.AddMinutes(-5));

        using var response = await client.DeliverAsync(events.SessionCompleted());
        response.EnsureSuccessStatusCode();

        // The doorbell wakes the loops at once; the poll interval (200 ms here) is only the fallback.
        var waited = Stopwatch.StartNew();
        Order? order = null;
        while (order?.PaymentStatus != PaymentStatus.Paid && waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(50);
            await using var db = database.CreateDbContext();
            order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.StripePaymentIntentId == events.Ids.PaymentIntent);
        }

        Assert.Equal(PaymentStatus.Paid, order?.PaymentStatus);
    }
}
