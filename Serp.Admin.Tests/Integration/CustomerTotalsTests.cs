using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Purchases;

namespace Serp.Admin.Tests.Integration;

/// <summary>The customer_totals rollup equals the aggregate of the orders it replaces, however it was written.</summary>
public sealed class CustomerTotalsTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    private async Task<List<(string Email, string Currency, string? Name, int Orders, long Gross, long Refunded, long Net, DateTimeOffset First, DateTimeOffset Last)>> RollupAsync()
    {
        await using var db = demo.Database.CreateDbContext();
        return [.. (await db.CustomerTotals.AsNoTracking().ToListAsync())
            .Select(t => (t.Email, t.Currency, t.CustomerName, t.Orders, t.Gross, t.Refunded, t.Net, t.FirstPurchaseAt, t.LastPurchaseAt))
            .Order()];
    }

    private async Task<List<(string Email, string Currency, string? Name, int Orders, long Gross, long Refunded, long Net, DateTimeOffset First, DateTimeOffset Last)>> DirectAsync()
    {
        await using var db = demo.Database.CreateDbContext();
        var paid = await db.Orders.AsNoTracking().Where(o => o.PaidAt != null && o.CustomerEmail != null).ToListAsync();
        return [.. paid.GroupBy(o => (Email: o.CustomerEmail!.ToLowerInvariant(), o.Currency))
            .Select(g => (g.Key.Email, g.Key.Currency,
                g.Where(o => o.CustomerName != null).OrderByDescending(o => o.CreatedAt).Select(o => o.CustomerName).FirstOrDefault(),
                g.Count(), g.Sum(o => o.AmountTotal), g.Sum(o => o.AmountRefunded), g.Sum(o => o.AmountTotal - o.AmountRefunded),
                g.Min(o => o.CreatedAt), g.Max(o => o.CreatedAt)))
            .Order()];
    }

    [Fact]
    public async Task The_demo_loader_fills_the_rollup_exactly()
    {
        var rollup = await RollupAsync();

        Assert.True(rollup.Count > 100, $"only {rollup.Count} customers in the demo");
        Assert.Contains(rollup, r => r.Refunded > 0);
        Assert.Contains(rollup, r => r.Orders > 1);
        Assert.Equal(await DirectAsync(), rollup);
    }

    [Fact]
    public async Task The_ledger_recomputes_the_customer_after_each_fact()
    {
        var ledger = new PurchaseLedger(TestCatalog.Create(), new FakeTimeProvider(T0));
        var n = Guid.NewGuid().ToString("N")[..10];
        var email = $"Rollup.{n}@Example.com";
        var key = email.ToLowerInvariant();
        PurchaseFact[] facts =
        [
            new CheckoutFact
            {
                Source = "stripe", ObservedAt = T0, SessionId = $"cs_{n}", PaymentRef = $"pi_{n}", Outcome = CheckoutOutcome.Completed, Paid = true,
                AmountTotal = 4900, Currency = "usd", CustomerEmail = email, CustomerName = "Rollup Test", OfferId = "offer-templates", CreatedAt = T0,
            },
            new RefundFact
            {
                Source = "stripe", ObservedAt = T0.AddHours(1), ProviderRefundId = $"re_{n}", PaymentRef = $"pi_{n}", Amount = 1500, Currency = "usd",
                Status = "succeeded", CreatedAt = T0.AddHours(1),
            },
        ];
        var seen = new List<(int, long, long, long)>();
        foreach (var fact in facts)
        {
            await using var db = demo.Database.CreateDbContext();
            await using var tx = await db.Database.BeginTransactionAsync();
            await ledger.ApplyAsync(db, fact, CancellationToken.None);
            await tx.CommitAsync();
            await using var read = demo.Database.CreateDbContext();
            var row = await read.CustomerTotals.AsNoTracking().SingleAsync(t => t.Email == key);
            seen.Add((row.Orders, row.Gross, row.Refunded, row.Net));
        }

        Assert.Equal([(1, 4900L, 0L, 4900L), (1, 4900L, 1500L, 3400L)], seen);
        Assert.Equal(await DirectAsync(), await RollupAsync());
    }
}
