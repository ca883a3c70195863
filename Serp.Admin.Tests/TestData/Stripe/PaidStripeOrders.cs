using Serp.Admin.Features.Refunds;
using Serp.Admin.Tests.Fakes.Stripe;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;

namespace Serp.Admin.Tests.TestData.Stripe;

/// <summary>A paid order made through the real ledger (as Stripe's webhooks would make it), with ids unique to it.</summary>
public sealed record PaidOrder(Guid Id, string PaymentIntent, string Charge, string Email, long Amount, string Currency)
{
    public RefundRequest Request(long amount, string reason = RefundReasons.RequestedByCustomer, string? note = null) =>
        new(Id, Guid.NewGuid(), amount, reason, note);
}

internal static class PaidStripeOrders
{
    /// <summary>A paid order of the licensed downloader offer, whose payment the fake Stripe knows (so it can be refunded).</summary>
    public static async Task<PaidOrder> CreateAsync(PostgresFixture database, PurchaseLedger ledger, FakeStripeApi stripe,
        long amount = 9700, string currency = "usd", string source = PaymentSource.Stripe)
    {
        var suffix = Guid.NewGuid().ToString("N")[..16];
        var paymentIntent = $"pi_{suffix}";
        var order = new PaidOrder(StableId.ForProvider(source, "order", paymentIntent), paymentIntent, $"ch_{suffix}", $"ada.{suffix}@example.com", amount, currency);
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        PurchaseFact[] facts =
        [
            new CheckoutFact
            {
                Source = source, ObservedAt = at, PaymentRef = order.PaymentIntent,
                // A PayPal order is its own checkout session (its id is both).
                SessionId = source == PaymentSource.PayPal ? order.PaymentIntent : $"cs_test_{suffix}",
                Outcome = CheckoutOutcome.Completed, Paid = true, AmountTotal = amount, Currency = currency,
                CustomerEmail = order.Email, CustomerName = "Ada Lovelace", OfferId = "offer-serp-downloader", CreatedAt = at,
            },
            new PaymentFact
            {
                Source = source, ObservedAt = at, PaymentRef = order.PaymentIntent, ChargeId = order.Charge, Amount = amount,
                Currency = currency, CreatedAt = at,
            },
        ];
        foreach (var fact in facts)
        {
            await using var db = database.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await ledger.ApplyAsync(db, fact, CancellationToken.None);
            await transaction.CommitAsync();
        }
        stripe.AddPayment(order.PaymentIntent, order.Charge, amount, currency);
        return order;
    }
}
