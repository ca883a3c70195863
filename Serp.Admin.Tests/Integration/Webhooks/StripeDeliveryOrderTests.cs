using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Serp.Admin.Tests.Domain.Purchases;
using Serp.Admin.Tests.TestData.Stripe;

namespace Serp.Admin.Tests.Integration.Webhooks;

/// <summary>
/// The order-independence of the pure rules (see PurchaseRulesOrderIndependenceTests), end to end: signed deliveries
/// in different orders, with redeliveries, through the endpoint, the inbox, the processor and PostgreSQL.
/// </summary>
public sealed class StripeDeliveryOrderTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    [Fact]
    public async Task Any_delivery_order_with_duplicates_gives_the_same_rows_as_the_natural_order()
    {
        var start = DateTimeOffset.UtcNow.AddDays(-10);
        var natural = await DeliverAsync([0, 1, 2, 3, 4], start);
        var all = PurchaseSnapshot.Permutations([0, 1, 2, 3, 4]).ToList();
        var random = new Random(20261124);
        var orders = new List<IReadOnlyList<int>> { all[^1] };
        for (var i = 0; i < 6; i++) orders.Add(all[random.Next(all.Count)]);

        foreach (var order in orders)
        {
            // Every event is delivered again at the end, the first one a third time.
            var snapshot = await DeliverAsync([.. order, .. order, order[0]], start);
            Assert.Equal(natural, snapshot);
        }
    }

    private async Task<string> DeliverAsync(IReadOnlyList<int> sequence, DateTimeOffset start)
    {
        var events = new StripeEvents(StripePurchaseIds.New(), start);
        string[] purchase =
        [
            events.SessionCompleted(), events.IntentSucceeded(), events.ChargeSucceeded(),
            events.RefundEvent(amount: 2000), events.DisputeEvent(),
        ];
        using var client = app.Factory.CreateClient();
        foreach (var index in sequence)
        {
            using var response = await client.DeliverAsync(purchase[index]);
            response.EnsureSuccessStatusCode();
            // Process between deliveries, so that the rows really are built in this order.
            await app.ProcessAllAsync();
        }
        return await SnapshotAsync(events.Ids);
    }

    /// <summary>Every stored column of the purchase's rows, with its own ids replaced by placeholders.</summary>
    private async Task<string> SnapshotAsync(StripePurchaseIds ids)
    {
        await using var db = app.Database.CreateDbContext();
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.StripePaymentIntentId == ids.PaymentIntent);
        var session = await db.CheckoutSessions.AsNoTracking().SingleAsync(s => s.StripeSessionId == ids.Session);
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.PaymentRef == ids.PaymentIntent).ToListAsync();
        var disputes = await db.Disputes.AsNoTracking().Where(d => d.PaymentRef == ids.PaymentIntent).ToListAsync();
        var licenses = await db.Licenses.AsNoTracking().Where(l => l.OrderId == order.Id).Select(l => l.Status).ToListAsync();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{order.PaymentStatus} {order.AmountTotal} {order.Currency} {order.AmountRefunded} {order.ChargeAmountRefunded} " +
            $"{order.CustomerEmail} {order.CustomerName} {order.OfferId} {order.LanderId} {order.AffiliateId} {order.PaymentMethod} {order.StripeChargeId} " +
            $"{order.Metadata?.RootElement.GetRawText()} {order.CreatedAt:O} {order.UpdatedAt:O} {order.PaidAt:O} {order.FailedAt:O} {order.CheckoutSessionId == session.Id}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{session.Status} {session.OfferId} {session.CustomerEmail} {session.CreatedAt:O} {session.UpdatedAt:O}");
        foreach (var r in refunds) text.AppendLine(CultureInfo.InvariantCulture, $"{r.OrderId == order.Id} {r.Amount} {r.Status} {r.ObservedAt:O} {r.CreatedAt:O} {r.UpdatedAt:O}");
        foreach (var d in disputes) text.AppendLine(CultureInfo.InvariantCulture, $"{d.OrderId == order.Id} {d.Amount} {d.Status} {d.EvidenceDueBy:O} {d.ObservedAt:O} {d.CreatedAt:O} {d.UpdatedAt:O}");
        text.AppendLine(string.Join(",", licenses));
        return text.ToString().Replace(ids.Suffix, "ID", StringComparison.Ordinal).Replace(ids.Suffix.ToLowerInvariant(), "id", StringComparison.Ordinal);
    }
}
