using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Serp.Domain.Analytics;
using Serp.Domain.Catalog;
using Serp.Domain.Data;
using Serp.Domain.Purchases;

namespace Serp.Bench.Analytics;

/// <summary>
/// The webhook processor's write path without HTTP: facts through the purchase ledger, one transaction each, four
/// writers at once, with the rollup triggers on or off. Returns facts per second.
/// </summary>
internal static class WritePath
{
    private static readonly OfferCatalog Catalog = new([
        new CatalogOffer { OfferId = "offer-bundle", ProductId = "serp-bundle", ProductName = "Bundle", GhlTag = "purchase-bundle", Licensed = true, Price = 19700 },
    ]);

    public static async Task<double> RunAsync(NpgsqlDataSource dataSource, int purchases, bool triggers, CancellationToken ct)
    {
        await using (var toggle = dataSource.CreateCommand(AnalyticsSchema.TriggersSql(triggers)))
        {
            await toggle.ExecuteNonQueryAsync(ct);
        }
        var options = SerpDatabase.Configure(new DbContextOptionsBuilder<SerpDbContext>(), dataSource).Options;
        var factory = new PooledDbContextFactory<SerpDbContext>((DbContextOptions<SerpDbContext>)options);
        var ledger = new PurchaseLedger(Catalog, TimeProvider.System);
        var run = Guid.NewGuid().ToString("N")[..8];
        var next = -1;
        var watch = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, 4).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < purchases)
            {
                foreach (var fact in Facts($"{run}_{i}", i)) await ApplyAsync(factory, ledger, fact, ct);
            }
        });
        await Task.WhenAll(writers);
        var perSecond = purchases * 2 / watch.Elapsed.TotalSeconds;
        await using (var toggle = dataSource.CreateCommand(AnalyticsSchema.TriggersSql(enable: true)))
        {
            await toggle.ExecuteNonQueryAsync(ct);
        }
        return perSecond;
    }

    private static async Task ApplyAsync(PooledDbContextFactory<SerpDbContext> factory, PurchaseLedger ledger, PurchaseFact fact, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await ledger.ApplyAsync(db, fact, ct);
                await tx.CommitAsync(ct);
                return;
            }
            catch (Exception ex) when (attempt < 5 && ex is DbUpdateException or PostgresException or InvalidOperationException)
            {
                // Deadlock or concurrency conflict: the webhook processor retries the event; so does the bench.
            }
        }
    }

    private static PurchaseFact[] Facts(string n, int i)
    {
        var at = DateTimeOffset.UtcNow.AddDays(-(i % 300));
        var currency = (i % 3) switch { 0 => "usd", 1 => "eur", _ => "gbp" };
        return
        [
            new CheckoutFact
            {
                Source = "stripe", ObservedAt = at, SessionId = $"cs_bench_{n}", PaymentRef = $"pi_bench_{n}", Outcome = CheckoutOutcome.Completed,
                Paid = true, AmountTotal = 19700, Currency = currency, CustomerEmail = $"bench.{n}@example.com", OfferId = "offer-bundle",
                LanderId = $"lander-{i % 5}", CreatedAt = at,
            },
            new RefundFact
            {
                Source = "stripe", ObservedAt = at.AddDays(3), ProviderRefundId = $"re_bench_{n}", PaymentRef = $"pi_bench_{n}", Amount = 5000,
                Currency = currency, Status = "succeeded", CreatedAt = at.AddDays(3),
            },
        ];
    }
}
