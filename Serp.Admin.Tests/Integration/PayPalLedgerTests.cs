using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Checkout;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;
using PayPalFacts = Serp.Admin.Tests.Domain.Purchases.PayPalPurchaseFacts;

namespace Serp.Admin.Tests.Integration;

/// <summary>PayPal facts through the real ledger and PostgreSQL: looked up and written by the PayPal columns only.</summary>
public sealed class PayPalLedgerTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private readonly PurchaseLedger ledger = new(TestCatalog.Create(), new FakeTimeProvider(PayPalFacts.T0));

    public static TheoryData<string, int[]> DeliveryOrders() => new()
    {
        // 0 approved, 1 completed, 2 capture completed, 3 refund (capture only), 4 dispute (capture only)
        { "natural", [0, 1, 2, 3, 4] },
        { "reversed", [4, 3, 2, 1, 0] },
        { "refund and dispute first, checkout last", [3, 4, 2, 1, 0] },
        { "capture first, approval after the refund", [2, 3, 0, 4, 1] },
        { "checkout before anything names the capture", [3, 0, 1, 4, 2] },
    };

    [Theory]
    [MemberData(nameof(DeliveryOrders))]
    public async Task A_PayPal_purchase_in_any_delivery_order_gives_the_same_rows_in_the_paypal_columns(string name, int[] order)
    {
        Assert.NotEmpty(name);
        var (orderId, capture, facts) = Purchase();

        foreach (var i in order) await ApplyAsync(facts[i]);
        await ApplyAsync(facts[order[0]]);

        await using var db = database.CreateDbContext();
        var row = await db.Orders.AsNoTracking().SingleAsync(o => o.PaypalOrderId == orderId);
        Assert.Equal((capture, null, null, null), (row.PaypalCaptureId, row.StripePaymentIntentId, row.StripeSessionId, row.StripeChargeId));
        Assert.Equal((PaymentSource.PayPal, "paypal", PaymentStatus.Disputed, 4900L, 1000L, "grace@example.com"),
            (row.Source, row.PaymentMethod, row.PaymentStatus, row.AmountTotal, row.AmountRefunded, row.CustomerEmail));
        Assert.Equal(StableId.ForProvider(PaymentSource.PayPal, "order", orderId), row.Id);
        var session = await db.CheckoutSessions.AsNoTracking().SingleAsync(s => s.Id == row.CheckoutSessionId);
        Assert.Equal((null, CheckoutStatus.Completed), (session.StripeSessionId, session.Status));
        Assert.Equal(1, await db.CheckoutSessions.CountAsync(s => s.Source == PaymentSource.PayPal
            && s.Metadata!.RootElement.GetProperty(PurchaseColumns.PayPalOrderIdKey).GetString() == orderId));
        Assert.Equal(row.Id, (await db.Refunds.AsNoTracking().SingleAsync(r => r.ChargeId == capture)).OrderId);
        Assert.Equal(row.Id, (await db.Disputes.AsNoTracking().SingleAsync(d => d.ChargeId == capture)).OrderId);
    }

    [Fact]
    public async Task A_pending_PayPal_session_the_storefront_inserted_is_found_by_its_order_id_and_completed()
    {
        var (orderId, _, facts) = Purchase();
        var storefrontId = Guid.NewGuid();
        await using (var db = database.CreateDbContext())
        {
            db.CheckoutSessions.Add(new CheckoutSession
            {
                Id = storefrontId, Status = CheckoutStatus.Pending, Source = PaymentSource.PayPal, OfferId = "offer-downloader",
                Metadata = JsonDocument.Parse($$"""{"paypal_order_id":"{{orderId}}","utm_source":"newsletter"}"""),
                CreatedAt = PayPalFacts.T0, UpdatedAt = PayPalFacts.T0,
            });
            await db.SaveChangesAsync();
        }

        await ApplyAsync(facts[1]);

        await using var check = database.CreateDbContext();
        var session = await check.CheckoutSessions.AsNoTracking().SingleAsync(s => s.Id == storefrontId);
        Assert.Equal(CheckoutStatus.Completed, session.Status);
        Assert.Equal(orderId, session.Metadata!.RootElement.GetProperty(PurchaseColumns.PayPalOrderIdKey).GetString());
        Assert.Equal(storefrontId, (await check.Orders.AsNoTracking().SingleAsync(o => o.PaypalOrderId == orderId)).CheckoutSessionId);
    }

    [Fact]
    public async Task Two_PayPal_sessions_cannot_claim_one_PayPal_order()
    {
        var orderId = "PP" + Guid.NewGuid().ToString("N")[..15].ToUpperInvariant();
        await using var db = database.CreateDbContext();
        foreach (var _ in new[] { 1, 2 })
        {
            db.CheckoutSessions.Add(new CheckoutSession
            {
                Id = Guid.NewGuid(), Status = CheckoutStatus.Pending, Source = PaymentSource.PayPal,
                Metadata = JsonDocument.Parse($$"""{"paypal_order_id":"{{orderId}}"}"""), CreatedAt = PayPalFacts.T0, UpdatedAt = PayPalFacts.T0,
            });
        }

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task A_PayPal_refund_never_attaches_to_a_Stripe_order_that_has_the_same_charge_id()
    {
        var (_, capture, facts) = Purchase();
        var stripe = new PaymentFact
        {
            Source = PaymentSource.Stripe, ObservedAt = PayPalFacts.T0, PaymentRef = "pi_" + capture, ChargeId = capture, Amount = 4900,
            Currency = "usd", CreatedAt = PayPalFacts.T0,
        };
        await ApplyAsync(stripe);

        await ApplyAsync(facts[3]);

        await using var db = database.CreateDbContext();
        var stripeOrder = await db.Orders.AsNoTracking().SingleAsync(o => o.StripeChargeId == capture);
        var refund = await db.Refunds.AsNoTracking().SingleAsync(r => r.ChargeId == capture);
        Assert.Equal((0L, PaymentStatus.Paid), (stripeOrder.AmountRefunded, stripeOrder.PaymentStatus));
        Assert.Equal((PaymentSource.PayPal, (Guid?)null), (refund.Source, refund.OrderId));
    }

    /// <summary>The five facts of <see cref="PayPalFacts"/> with ids of their own, so each test has its own purchase.</summary>
    private static (string OrderId, string Capture, PurchaseFact[] Facts) Purchase()
    {
        var n = Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        string orderId = "O" + n, capture = "C" + n;
        return (orderId, capture,
        [
            PayPalFacts.Approved() with { SessionId = orderId, PaymentRef = orderId },
            PayPalFacts.Completed() with { SessionId = orderId, PaymentRef = orderId },
            PayPalFacts.CaptureCompleted() with { PaymentRef = orderId, ChargeId = capture },
            PayPalFacts.Refund("R" + n) with { ChargeId = capture },
            PayPalFacts.Dispute() with { ProviderDisputeId = "PP-D-" + n, ChargeId = capture },
        ]);
    }

    private async Task ApplyAsync(PurchaseFact fact)
    {
        await using var db = database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await ledger.ApplyAsync(db, fact, CancellationToken.None);
        await transaction.CommitAsync();
    }
}
