using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Checkout;
using Serp.Domain.Demo;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.Domain;

public sealed class DemoDataGeneratorTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    private const int Orders = DemoDatabaseFixture.Orders;
    private readonly PostgresFixture database = demo.Database;

    [Fact]
    public async Task Writes_the_requested_orders_and_more_sessions_than_orders()
    {
        await using var db = database.CreateDbContext();

        Assert.Equal(Orders, await db.Orders.CountAsync());
        Assert.Equal(demo.Result.CheckoutSessions, await db.CheckoutSessions.CountAsync());
        Assert.True(demo.Result.CheckoutSessions > Orders);
    }

    [Fact]
    public async Task Covers_what_the_pages_need_to_show()
    {
        await using var db = database.CreateDbContext();

        var currencies = await db.Orders.Select(o => o.Currency).Distinct().ToListAsync();
        Assert.Equal(["eur", "gbp", "jpy", "usd"], currencies.Order());
        var sources = await db.Orders.Select(o => o.Source).Distinct().ToListAsync();
        Assert.Equal([PaymentSource.PayPal, PaymentSource.Stripe], sources.Order());
        var statuses = await db.Orders.Select(o => o.PaymentStatus).Distinct().ToListAsync();
        Assert.Equal(PaymentStatus.All.Order(), statuses.Order());
        var sessionStatuses = await db.CheckoutSessions.Select(s => s.Status).Distinct().ToListAsync();
        Assert.Contains(CheckoutStatus.Abandoned, sessionStatuses);
        Assert.Contains(CheckoutStatus.Failed, sessionStatuses);
        Assert.Equal(3, await db.Orders.Select(o => o.OfferId).Distinct().CountAsync());
        Assert.True(await db.Orders.CountAsync(o => o.AffiliateId != null) > Orders / 10);
    }

    [Fact]
    public async Task Has_repeat_customers()
    {
        await using var db = database.CreateDbContext();

        var repeat = await db.Orders.GroupBy(o => o.CustomerEmail).CountAsync(g => g.Count() > 1);

        Assert.True(repeat > 100, $"only {repeat} customers bought more than once");
    }

    [Fact]
    public async Task Spreads_orders_over_the_last_eighteen_months()
    {
        await using var db = database.CreateDbContext();

        var oldest = await db.Orders.MinAsync(o => o.CreatedAt);
        var newest = await db.Orders.MaxAsync(o => o.CreatedAt);

        Assert.InRange(oldest, TestCatalog.Now.AddDays(-549), TestCatalog.Now.AddDays(-450));
        Assert.InRange(newest, TestCatalog.Now.AddDays(-7), TestCatalog.Now);
    }

    [Fact]
    public async Task Keeps_metadata_whole_and_lifts_its_ids_into_columns()
    {
        await using var db = database.CreateDbContext();

        var order = await db.Orders.AsNoTracking().FirstAsync(o => o.AffiliateId != null);

        Assert.Equal(order.OfferId, order.Metadata!.RootElement.GetProperty("offer_id").GetString());
        Assert.Equal(order.LanderId, order.Metadata.RootElement.GetProperty("lander_id").GetString());
        Assert.Equal(order.AffiliateId, order.Metadata.RootElement.GetProperty("affiliate_id").GetString());
    }

    [Fact]
    public async Task Marks_every_order_and_checkout_as_demo_so_the_ghl_sync_skips_them()
    {
        await using var db = database.CreateDbContext();

        Assert.True(await db.Orders.AnyAsync());
        Assert.True(await db.CheckoutSessions.AnyAsync());
        Assert.Equal(0, await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM orders WHERE metadata->>'demo' IS DISTINCT FROM 'true'").SingleAsync());
        Assert.Equal(0, await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM checkout_sessions WHERE metadata->>'demo' IS DISTINCT FROM 'true'").SingleAsync());
    }

    [Fact]
    public async Task Zero_decimal_currency_amounts_are_whole_yen()
    {
        await using var db = database.CreateDbContext();

        var yen = await db.Orders.Where(o => o.Currency == "jpy").Select(o => o.AmountTotal).Distinct().ToListAsync();

        Assert.NotEmpty(yen);
        // ¥7,400 for a $49 offer, not ¥740,000 (minor units of jpy are yen).
        Assert.All(yen, amount => Assert.InRange(amount, 1000, 100_000));
    }

    [Fact]
    public void Same_seed_and_clock_plan_the_same_rows()
    {
        var first = new DemoDataGenerator(TestCatalog.Create(), 7, new FakeTimeProvider(TestCatalog.Now));
        var second = new DemoDataGenerator(TestCatalog.Create(), 7, new FakeTimeProvider(TestCatalog.Now));
        var other = new DemoDataGenerator(TestCatalog.Create(), 8, new FakeTimeProvider(TestCatalog.Now));

        var a = Enumerable.Range(0, 50).Select(i => first.Plan(i, 50, TestCatalog.Now)).ToList();
        var b = Enumerable.Range(0, 50).Select(i => second.Plan(i, 50, TestCatalog.Now)).ToList();
        var c = Enumerable.Range(0, 50).Select(i => other.Plan(i, 50, TestCatalog.Now)).ToList();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}

public sealed class DemoDataConsistencyTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    [Fact]
    public async Task Refunded_totals_match_their_refund_rows()
    {
        await using var db = demo.Database.CreateDbContext();

        var mismatches = await db.Orders
            .Where(o => o.AmountRefunded != db.Refunds.Where(r => r.OrderId == o.Id).Sum(r => (long?)r.Amount) && o.AmountRefunded > 0)
            .CountAsync();
        var refunded = await db.Orders.Where(o => o.PaymentStatus == PaymentStatus.Refunded).ToListAsync();

        Assert.Equal(0, mismatches);
        Assert.All(refunded, o => Assert.Equal(o.AmountTotal, o.AmountRefunded));
        Assert.True(await db.Orders.AnyAsync(o => o.PaymentStatus == PaymentStatus.PartiallyRefunded && o.AmountRefunded < o.AmountTotal && o.AmountRefunded > 0));
    }

    [Fact]
    public async Task Every_disputed_order_has_a_dispute_and_every_paid_licensed_order_a_license()
    {
        await using var db = demo.Database.CreateDbContext();
        var catalog = TestCatalog.Create();
        var licensedOffers = catalog.Offers.Where(o => o.Licensed).Select(o => o.OfferId).ToList();

        Assert.False(await db.Orders.AnyAsync(o => o.PaymentStatus == PaymentStatus.Disputed && !db.Disputes.Any(d => d.OrderId == o.Id)));
        Assert.False(await db.Orders.AnyAsync(o => o.PaidAt != null && licensedOffers.Contains(o.OfferId!) && !db.Licenses.Any(l => l.OrderId == o.Id)));
        Assert.False(await db.Orders.AnyAsync(o => o.PaymentStatus == PaymentStatus.Refunded && db.Licenses.Any(l => l.OrderId == o.Id && l.Status == "active")));
        // paid_at is set exactly for the orders that were paid at some point, as the purchase rules set it.
        Assert.False(await db.Orders.AnyAsync(o => (o.PaidAt == null) != (o.PaymentStatus == PaymentStatus.Pending || o.PaymentStatus == PaymentStatus.Failed)));
    }
}
