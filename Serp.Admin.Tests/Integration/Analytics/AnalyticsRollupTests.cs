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
