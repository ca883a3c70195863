using Microsoft.EntityFrameworkCore;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Analytics;
using Serp.Domain.Licenses;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;
using Serp.Domain.Refunds;

namespace Serp.Admin.Tests.Domain;

/// <summary>
/// The demo store is one the rules could have produced: every order's status, refunded total and licenses are
/// what OrderStatusRules and LicenseRules derive from its refunds and disputes; PayPal rows follow the PayPal id
/// mapping; the analytics rollups equal their direct aggregates after the bulk load.
/// </summary>
public sealed class DemoConsistencyTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    [Fact]
    public async Task Every_demo_order_has_the_status_refunded_total_and_licenses_the_rules_derive()
    {
        await using var db = demo.Database.CreateDbContext();
        var orders = await db.Orders.AsNoTracking().ToListAsync();
        var refunds = (await db.Refunds.AsNoTracking().ToListAsync()).ToLookup(r => r.OrderId);
        var disputes = (await db.Disputes.AsNoTracking().ToListAsync()).ToLookup(d => d.OrderId);
        var licenses = (await db.Licenses.AsNoTracking().ToListAsync()).ToLookup(l => l.OrderId);
        var catalog = TestCatalog.Create();
        Assert.Equal(DemoDatabaseFixture.Orders, orders.Count);
        Assert.Equal(PaymentStatus.All.Order(), orders.Select(o => o.PaymentStatus).Distinct().Order());

        foreach (var order in orders)
        {
            var refunded = refunds[order.Id].Where(r => RefundStatus.Counts(r.Status)).Sum(r => r.Amount);
            Assert.Equal(refunded, order.AmountRefunded);
            Assert.Equal(OrderStatusRules.Derive(order, disputes[order.Id]), order.PaymentStatus);

            var offer = catalog.Find(order.OfferId);
            var expected = offer is { Licensed: true } && order.PaidAt is not null ? 1 : 0;
            var keys = licenses[order.Id].ToList();
            Assert.Equal(expected, keys.Count);
            foreach (var license in keys)
            {
                Assert.Equal(offer!.ProductId, license.ProductId);
                var revoked = LicenseRules.ShouldBeRevoked(order.PaymentStatus);
                Assert.Equal(revoked ? LicenseStatus.Revoked : LicenseStatus.Active, license.Status);
                Assert.Equal(revoked ? LicenseRules.RevokeReason(order.PaymentStatus) : null, license.RevokeReason);
            }
        }
    }

    [Fact]
    public async Task No_demo_refund_or_dispute_lies_in_the_future()
    {
        await using var db = demo.Database.CreateDbContext();
        var recent = await db.Orders.AsNoTracking().CountAsync(o => o.CreatedAt > TestCatalog.Now.AddDays(-6));
        var refunds = await db.Refunds.AsNoTracking().Select(r => r.CreatedAt).ToListAsync();
        var disputes = await db.Disputes.AsNoTracking().Select(d => new { d.CreatedAt, d.ClosedAt }).ToListAsync();

        Assert.True(recent > 0 && refunds.Count > 0 && disputes.Count > 0, "the demo has orders of the last six days, refunds and disputes");
        Assert.All(refunds, at => Assert.True(at <= TestCatalog.Now, $"refund at {at:O}"));
        Assert.All(disputes, d => Assert.True(d.CreatedAt <= TestCatalog.Now && (d.ClosedAt ?? d.CreatedAt) <= TestCatalog.Now,
            $"dispute opened {d.CreatedAt:O}, closed {d.ClosedAt:O}"));
    }

    [Fact]
    public async Task Refunds_come_a_week_after_their_purchase_so_the_last_days_hold_no_pile_of_them()
    {
        await using var db = demo.Database.CreateDbContext();
        var week = TestCatalog.Now.AddDays(-6);
        var recent = await db.Orders.AsNoTracking().Where(o => o.CreatedAt > week).Select(o => o.PaymentStatus).ToListAsync();
        var stamps = await db.CheckoutSessions.AsNoTracking().Select(s => s.UpdatedAt).ToListAsync();

        Assert.NotEmpty(recent);
        Assert.DoesNotContain(recent, s => s is PaymentStatus.Refunded or PaymentStatus.PartiallyRefunded or PaymentStatus.Disputed);
        Assert.True(await db.Refunds.AnyAsync(), "older orders have refunds");
        Assert.All(stamps, at => Assert.True(at <= TestCatalog.Now, $"checkout session changed at {at:O}"));
    }

    [Fact]
    public async Task Demo_paypal_rows_follow_the_paypal_id_mapping()
    {
        await using var db = demo.Database.CreateDbContext();
        var paypal = await db.Orders.AsNoTracking().Where(o => o.Source == PaymentSource.PayPal).ToListAsync();
        Assert.True(paypal.Count > 100);

        Assert.All(paypal, o =>
        {
            Assert.Null(o.StripeSessionId);
            Assert.Null(o.StripePaymentIntentId);
            Assert.Null(o.StripeChargeId);
            Assert.NotNull(o.PaypalOrderId);
            Assert.Equal("paypal", o.PaymentMethod);
            Assert.Equal(o.Currency.ToLowerInvariant(), o.Currency);
            // A capture exists once the money was taken.
            Assert.Equal(o.PaidAt is not null, o.PaypalCaptureId is not null);
        });
        var captures = paypal.Where(o => o.PaypalCaptureId is not null).ToDictionary(o => o.Id, o => o.PaypalCaptureId);
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.Source == PaymentSource.PayPal).ToListAsync();
        var disputes = await db.Disputes.AsNoTracking().Where(d => d.Source == PaymentSource.PayPal).ToListAsync();
        Assert.NotEmpty(refunds);
        Assert.NotEmpty(disputes);
        Assert.All(refunds, r => Assert.Equal(captures[r.OrderId!.Value], r.ChargeId));
        Assert.All(disputes, d => Assert.Equal(captures[d.OrderId!.Value], d.ChargeId));
        var failures = await db.PaymentFailures.AsNoTracking().ToListAsync();
        Assert.Equal(await db.Orders.CountAsync(o => o.PaymentStatus == PaymentStatus.Failed), failures.Count);
    }

    [Fact]
    public async Task The_demo_loader_leaves_the_analytics_rollups_equal_to_their_direct_aggregates()
    {
        foreach (var rollup in AnalyticsRollups.All)
        {
            await using var command = demo.Database.DataSource.CreateCommand(
                $"SELECT (SELECT count(*) FROM ({rollup.Stored}) s), " +
                $"(SELECT count(*) FROM (({rollup.Direct}) EXCEPT ALL ({rollup.Stored}) UNION ALL (({rollup.Stored}) EXCEPT ALL ({rollup.Direct}))) d)");
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.True(reader.GetInt64(0) > 0, $"{rollup.Table} is empty after the demo load");
            Assert.Equal(0, reader.GetInt64(1));
        }
    }
}
