using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Disputes;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;

namespace Serp.Admin.Tests.Integration;

/// <summary>Two workers holding facts of one purchase never interleave, and a stale order row never overwrites a newer one.</summary>
public sealed class PurchaseConcurrencyTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private readonly PurchaseLedger ledger = new(TestCatalog.Create(), new FakeTimeProvider(T0));

    [Fact]
    public async Task A_dispute_that_names_only_the_charge_waits_for_the_payment_that_names_it_too()
    {
        var n = Guid.NewGuid().ToString("N")[..10];
        var dispute = new DisputeFact
        {
            Source = "stripe", ObservedAt = T0.AddDays(1), ProviderDisputeId = $"dp_{n}", ChargeId = $"ch_{n}", Amount = 4900,
            Currency = "usd", Status = DisputeStatus.NeedsResponse, Funds = DisputeFunds.Withdrawn, CreatedAt = T0.AddDays(1),
        };
        var payment = new PaymentFact
        {
            Source = "stripe", ObservedAt = T0, PaymentRef = $"pi_{n}", ChargeId = $"ch_{n}", Amount = 4900, Currency = "usd",
            CustomerEmail = $"race.{n}@example.com", CreatedAt = T0,
        };
        // Before, each fact locked only its own "purchase key" (the charge for this dispute, the intent for the payment),
        // so both ran at once and the second save could overwrite the first one's order.
        await SecondWaitsForFirstAsync(dispute, payment);

        await using var check = database.CreateDbContext();
        var order = await check.Orders.AsNoTracking().SingleAsync(o => o.StripePaymentIntentId == payment.PaymentRef);
        Assert.Equal(PaymentStatus.Disputed, order.PaymentStatus);
        Assert.Equal(1, await check.Disputes.CountAsync(d => d.OrderId == order.Id));
    }

    [Fact]
    public async Task A_PayPal_approval_waits_for_a_refund_that_names_only_the_capture_and_neither_loses_its_change()
    {
        var n = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var (orderId, captureId) = ($"PPO{n}", $"CAP{n}");
        await using (var db = database.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await ledger.ApplyAsync(db, new PaymentFact
            {
                Source = PaymentSource.PayPal, ObservedAt = T0, PaymentRef = orderId, ChargeId = captureId, Amount = 4900, Currency = "usd", CreatedAt = T0,
            }, CancellationToken.None);
            await transaction.CommitAsync();
        }
        var refund = new RefundFact
        {
            Source = PaymentSource.PayPal, ObservedAt = T0.AddHours(2), ProviderRefundId = $"REF{n}", ChargeId = captureId, Amount = 1000,
            Currency = "usd", Status = Serp.Domain.Refunds.RefundStatus.Succeeded, CreatedAt = T0.AddHours(2),
        };
        var approval = new CheckoutFact
        {
            Source = PaymentSource.PayPal, ObservedAt = T0.AddHours(1), SessionId = orderId, PaymentRef = orderId,
            Outcome = CheckoutOutcome.Completed, Paid = true, AmountTotal = 4900, Currency = "usd", CustomerEmail = $"pp.race.{n}@example.com",
            OfferId = "offer-bundle", AffiliateId = "aff_race", CreatedAt = T0,
        };
        // The two name no id in common (the order; the capture), so no advisory lock keeps them apart: the order's row does.
        Assert.Empty(approval.References().Intersect(refund.References()));
        // Without the row lock the approval's save met the refund's newer row and failed (DbUpdateConcurrencyException).
        await SecondWaitsForFirstAsync(refund, approval);

        await using var check = database.CreateDbContext();
        var order = await check.Orders.AsNoTracking().SingleAsync(o => o.PaypalOrderId == orderId);
        Assert.Equal((1000L, "offer-bundle", "aff_race"), (order.AmountRefunded, order.OfferId, order.AffiliateId));
    }

    /// <summary>
    /// Applies <paramref name="first"/> in a transaction held open, starts <paramref name="second"/> beside it and checks
    /// that it cannot finish meanwhile (a negative check that only a working lock passes), then commits the first and
    /// waits for the second to commit too.
    /// </summary>
    private async Task SecondWaitsForFirstAsync(PurchaseFact first, PurchaseFact second)
    {
        await using var held = database.CreateDbContext();
        await using var heldTransaction = await held.Database.BeginTransactionAsync();
        await ledger.ApplyAsync(held, first, CancellationToken.None);

        var waiting = Task.Run(async () =>
        {
            await using var db = database.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await ledger.ApplyAsync(db, second, CancellationToken.None);
            await transaction.CommitAsync();
        });
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(waiting.IsCompleted, $"the {second.GetType().Name} was applied while the {first.GetType().Name}'s transaction was still open");

        await heldTransaction.CommitAsync();
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_save_from_a_stale_read_of_an_order_fails_instead_of_overwriting()
    {
        var n = Guid.NewGuid().ToString("N")[..10];
        await using (var db = database.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await ledger.ApplyAsync(db, new PaymentFact
            {
                Source = "stripe", ObservedAt = T0, PaymentRef = $"pi_{n}", ChargeId = $"ch_{n}", Amount = 4900, Currency = "usd", CreatedAt = T0,
            }, CancellationToken.None);
            await transaction.CommitAsync();
        }
        await using var stale = database.CreateDbContext();
        var staleOrder = await stale.Orders.SingleAsync(o => o.StripePaymentIntentId == $"pi_{n}");
        await using (var fresh = database.CreateDbContext())
        {
            var order = await fresh.Orders.SingleAsync(o => o.StripePaymentIntentId == $"pi_{n}");
            order.AmountRefunded = 1000;
            await fresh.SaveChangesAsync();
        }

        staleOrder.CustomerName = "Overwriter";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        await using var check = database.CreateDbContext();
        var saved = await check.Orders.AsNoTracking().SingleAsync(o => o.StripePaymentIntentId == $"pi_{n}");
        Assert.Equal((1000L, (string?)null), (saved.AmountRefunded, saved.CustomerName));
    }
}
