using System.Text.Json;
using Serp.Admin.Features.Analytics;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Analytics;
using Serp.Domain.Data;

namespace Serp.Admin.Tests.Integration.Analytics;

/// <summary>
/// One load of <c>/analytics</c> from the rollups equals the same statements over the base tables (each rollup's
/// definition as a view of its name, first on the search path, as the bench compares them): the sales from the offer
/// rollup, and the acquisition tables from whole months of the monthly rollups plus the cut months' days.
/// </summary>
public sealed class PageQueriesTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private static readonly AnalyticsFilter[] Filters =
    [
        // Cut months at both ends and July whole; whole months only; no whole month; one offer; one source.
        new() { From = new DateOnly(2026, 6, 10), To = new DateOnly(2026, 8, 20), Granularity = Granularity.Month, Currency = "usd", Compare = true },
        new() { From = new DateOnly(2026, 7, 1), To = new DateOnly(2026, 9, 1), Granularity = Granularity.Week, Currency = "eur" },
        new() { From = new DateOnly(2026, 6, 3), To = new DateOnly(2026, 6, 21), Granularity = Granularity.Day, Currency = "jpy" },
        new() { From = new DateOnly(2026, 6, 1), To = new DateOnly(2026, 8, 15), Granularity = Granularity.Month, Offer = "offer-bundle" },
        new() { From = new DateOnly(2026, 6, 15), To = new DateOnly(2026, 9, 1), Granularity = Granularity.Month, Source = "paypal", Currency = "usd" },
    ];

    [Fact]
    public async Task A_page_load_from_the_rollups_equals_the_same_queries_over_the_base_tables()
    {
        var store = new RandomStore(database, seed: 2027);
        await store.SeedAsync(orders: 400);
        var random = new Random(5);
        for (var i = 0; i < 80; i++) await store.ChangeAsync(database.DataSource, random);

        await using (var views = database.DataSource.CreateCommand("CREATE SCHEMA page_direct;\n" + string.Join("\n",
            AnalyticsRollups.All.Select(r => $"CREATE VIEW page_direct.{r.Table} AS {r.Direct};"))))
        {
            await views.ExecuteNonQueryAsync();
        }
        await using var directSource = SerpDatabase.CreateDataSource(database.ConnectionString + ";Search Path=page_direct,public");
        var rollups = new AnalyticsQueries(new AnalyticsDatabase(database.DataSource));
        var direct = new AnalyticsQueries(new AnalyticsDatabase(directSource));

        Assert.NotEqual(AnalyticsQueries.WholeMonths(Filters[0].From, Filters[0].To), AnalyticsQueries.WholeMonths(Filters[2].From, Filters[2].To));
        foreach (var filter in Filters)
        {
            var fromRollups = await rollups.LoadAsync(filter, CancellationToken.None);
            var fromBase = await direct.LoadAsync(filter, CancellationToken.None);
            Assert.True(fromBase.ByLander.Count > 1 && fromBase.ByAffiliate.Count > 1 && fromBase.Offers.Count > 0,
                $"nothing to compare for {filter.ToQueryString()}");
            Assert.Equal(JsonSerializer.Serialize(fromBase with { Filter = null! }), JsonSerializer.Serialize(fromRollups with { Filter = null! }));
        }
    }

    [Fact]
    public async Task Analytics_statements_run_at_once_but_never_more_than_one_load_of_them()
    {
        using var analytics = new AnalyticsDatabase(database.DataSource);
        // Each probe sleeps, then counts the probes running at that moment (itself included).
        const string Probe = """
            SELECT (SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%analytics-bound-probe%')::int
            FROM pg_sleep(0.3) -- analytics-bound-probe
            """;
        var running = await Task.WhenAll(Enumerable.Range(0, 3 * AnalyticsDatabase.MaxStatementsAtOnce).Select(_ =>
            analytics.QueryAsync(Probe, [], r => r.GetInt32(0), CancellationToken.None)));

        var most = running.Max(r => r.Single());
        Assert.InRange(most, 2, AnalyticsDatabase.MaxStatementsAtOnce);
    }

    [Theory]
    [InlineData("2026-06-10", "2026-08-20", "2026-07-01", "2026-08-01")]
    [InlineData("2026-07-01", "2026-09-01", "2026-07-01", "2026-09-01")]
    [InlineData("2026-06-03", "2026-06-21", "2026-06-03", "2026-06-03")]
    [InlineData("2026-06-15", "2026-07-31", "2026-06-15", "2026-06-15")]
    [InlineData("2025-12-02", "2026-12-03", "2026-01-01", "2026-12-01")]
    public void Whole_months_are_those_entirely_inside_the_period(string from, string to, string first, string end)
    {
        var months = AnalyticsQueries.WholeMonths(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)), months);
    }
}
