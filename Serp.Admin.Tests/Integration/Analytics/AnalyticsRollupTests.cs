using Npgsql;
using Serp.Admin.Features.Analytics;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Analytics;

namespace Serp.Admin.Tests.Integration.Analytics;

/// <summary>
/// The rollups equal the direct aggregates over the base tables after random data and random concurrent changes
/// from several connections (property test), and the product query equals the contract's direct definition.
/// </summary>
public sealed class AnalyticsRollupTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows in one side and not the other, both ways (zero rows left by a decrement are not rows).</summary>
    private Task<long> DifferenceAsync(Rollup rollup) =>
        ScalarAsync($"SELECT count(*) FROM (({rollup.Direct}) EXCEPT ALL ({rollup.Stored}) UNION ALL (({rollup.Stored}) EXCEPT ALL ({rollup.Direct}))) d");

    private async Task AssertExactAsync()
    {
        foreach (var rollup in AnalyticsRollups.All)
        {
            Assert.True(await ScalarAsync($"SELECT count(*) FROM ({rollup.Direct}) d") > 0, $"{rollup.Table} has nothing to compare");
            Assert.Equal(0, await DifferenceAsync(rollup));
        }
    }

    private static async Task RetryOnDeadlockAsync(Func<Task> change)
    {
        // Two writers may lock the same rollup rows in opposite orders across statements; PostgreSQL then aborts
        // one of them (40P01) and the writer retries, as the webhook processor does.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await change();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < 5)
            {
            }
        }
    }

    [Fact]
    public async Task Rollups_equal_the_direct_aggregates_after_random_data_and_concurrent_changes()
    {
        var store = new RandomStore(database, seed: 20261202);
        await store.SeedAsync(orders: 400);
        await AssertExactAsync();

        // The data has what the property is about: refunds after the period, lost and won disputes, several currencies.
        Assert.True(await ScalarAsync("SELECT count(*) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE r.created_at > o.created_at + interval '31 days'") > 0);
        Assert.True(await ScalarAsync("SELECT count(DISTINCT status) FROM disputes WHERE status IN ('won', 'lost')") == 2);
        Assert.True(await ScalarAsync("SELECT count(DISTINCT currency) FROM orders") >= 3);
        Assert.True(await ScalarAsync("SELECT count(DISTINCT status) FROM checkout_sessions") == 4);

        var writers = Enumerable.Range(0, 4).Select(async w =>
        {
            var random = new Random(w * 7919);
            for (var i = 0; i < 60; i++) await RetryOnDeadlockAsync(() => store.ChangeAsync(database.DataSource, random));
        });
        await Task.WhenAll(writers);

        await AssertExactAsync();
        await AssertCustomerFiguresExactAsync();
    }

    private static readonly AnalyticsFilter[] CustomerPeriods =
    [
        // Cut buckets at both ends (a Wednesday to a Thursday, mid-month to mid-month), and whole days.
        new() { From = new DateOnly(2026, 6, 10), To = new DateOnly(2026, 8, 20), Granularity = Granularity.Week },
        new() { From = new DateOnly(2026, 6, 10), To = new DateOnly(2026, 9, 20), Granularity = Granularity.Month },
        new() { From = new DateOnly(2026, 7, 1), To = new DateOnly(2026, 8, 1), Granularity = Granularity.Day },
    ];

    /// <summary>The Customers section from the rollups equals the figures computed customer by customer from the orders.</summary>
    private async Task AssertCustomerFiguresExactAsync()
    {
        var queries = new CustomerQueries(new AnalyticsDatabase(database.DataSource));
        foreach (var filter in CustomerPeriods)
        {
            foreach (var currency in new[] { "usd", "eur", "jpy" })
            {
                var direct = await DirectAnalytics.CustomersAsync(database.DataSource, filter, currency);
                var rolled = await queries.LoadAsync(filter, currency, CancellationToken.None);
                Assert.True(direct.Buyers.Sum(b => b.NewBuyers) > 0 && direct.Cohorts.Count > 0 && direct.Values.Count == 3,
                    $"nothing to compare for {currency} {filter.ToQueryString()}");
                Assert.Equal(System.Text.Json.JsonSerializer.Serialize(direct), System.Text.Json.JsonSerializer.Serialize(rolled));
            }
        }
    }

    [Fact]
    public async Task Customer_figures_equal_the_direct_computation_customer_by_customer()
    {
        var store = new RandomStore(database, seed: 31);
        await store.SeedAsync(orders: 400);

        // The data has what the figures are about: customers who came back in a later month and in the same week,
        // refunded and lost-dispute orders of such customers, and several currencies.
        Assert.True(await ScalarAsync("""
            SELECT count(*) FROM (SELECT lower(customer_email), currency FROM orders WHERE paid_at IS NOT NULL AND customer_email IS NOT NULL
            GROUP BY 1, 2 HAVING count(DISTINCT date_trunc('month', created_at)) > 1) c
            """) > 10);
        Assert.True(await ScalarAsync("""
            SELECT count(*) FROM (SELECT lower(customer_email), currency FROM orders WHERE paid_at IS NOT NULL AND customer_email IS NOT NULL
            GROUP BY 1, 2, date_trunc('week', created_at) HAVING count(*) > 1) c
            """) > 0);
        Assert.True(await ScalarAsync("SELECT count(*) FROM orders o JOIN disputes d ON d.order_id = o.id WHERE d.status = 'lost' AND o.customer_email IS NOT NULL AND o.paid_at IS NOT NULL") > 0);
        await AssertCustomerFiguresExactAsync();
        var figures = await new CustomerQueries(new AnalyticsDatabase(database.DataSource)).LoadAsync(CustomerPeriods[1], "usd", CancellationToken.None);
        Assert.Contains(figures.Buyers, b => b.ReturningBuyers > 0);
        Assert.Contains(figures.Cohorts, c => c.Cells.Skip(1).Any(m => m.Net != 0));
    }

    [Fact]
    public async Task The_rebuild_reproduces_the_rollups_the_triggers_kept()
    {
        var store = new RandomStore(database, seed: 7);
        await store.SeedAsync(orders: 150);
        var before = await SnapshotAsync();

        await AnalyticsRebuild.RunAsync(database.DataSource, CancellationToken.None);

        Assert.NotEmpty(before);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Contains(before, r => r.StartsWith("analytics_cohorts", StringComparison.Ordinal));
        await AssertExactAsync();
    }

    [Fact]
    public async Task The_product_query_equals_the_contract_definition_over_orders_and_disputes()
    {
        var store = new RandomStore(database, seed: 99);
        await store.SeedAsync(orders: 200);
        var from = DateOnly.FromDateTime(RandomStore.Start.UtcDateTime).AddDays(10);
        var to = from.AddDays(40);

        foreach (var source in new[] { null, "stripe", "paypal" })
        {
            var query = new ProductStatsQuery(new AnalyticsDatabase(database.DataSource), TestCatalog.Create());
            var rows = (await query.LoadAsync(from, to, source, null, null, CancellationToken.None))
                .Select(r => $"{r.OfferId},{r.Currency},{r.Orders},{r.Gross},{r.Refunded},{r.DisputesLostAmount},{r.Net}").ToList();
            var direct = await DirectAnalytics.ProductsAsync(database.DataSource, from, to, source);

            Assert.True(direct.Count > 3, $"only {direct.Count} product rows for source {source}");
            Assert.Contains(direct, d => d.Split(',')[4] != "0"); // refunded
            if (source is null) Assert.Contains(direct, d => d.Split(',')[5] != "0"); // lost disputes
            Assert.Equal(direct, rows);
        }
    }

    private async Task<List<string>> SnapshotAsync()
    {
        var rows = new List<string>();
        foreach (var rollup in AnalyticsRollups.All)
        {
            await using var command = database.DataSource.CreateCommand($"SELECT t::text FROM ({rollup.Stored}) t ORDER BY 1");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(rollup.Table + reader.GetString(0));
        }
        return rows;
    }
}
