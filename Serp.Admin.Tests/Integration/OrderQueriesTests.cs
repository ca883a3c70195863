using Microsoft.EntityFrameworkCore;
using Serp.Admin.Features.Orders;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.Integration;

public sealed class OrderQueriesTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    private readonly PostgresFixture database = demo.Database;
    private readonly OrderQueries queries = new(new TestDbContextFactory(demo.Database));

    [Fact]
    public async Task Pages_are_newest_first_without_gaps_or_overlaps()
    {
        var pages = new List<OrderPage>();
        for (var page = 0; page < 15; page++) pages.Add(await queries.ListAsync(new OrderFilter(), page, 200, CancellationToken.None));
        var all = pages.SelectMany(p => p.Rows).ToList();

        Assert.Equal(DemoDatabaseFixture.Orders, pages[0].Total);
        Assert.Equal(DemoDatabaseFixture.Orders, all.Select(r => r.Id).Distinct().Count());
        Assert.Equal(all.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => r.Id), all.Select(r => r.Id));
    }

    [Fact]
    public async Task Filters_by_status_and_source_and_counts_only_matches()
    {
        await using var db = database.CreateDbContext();
        var expected = await db.Orders.CountAsync(o => o.PaymentStatus == PaymentStatus.Paid && o.Source == "paypal");

        var page = await queries.ListAsync(new OrderFilter(PaymentStatus.Paid, "paypal"), 0, 200, CancellationToken.None);

        Assert.Equal(expected, page.Total);
        Assert.All(page.Rows, r => Assert.Equal((PaymentStatus.Paid, "paypal"), (r.PaymentStatus, r.Source)));
    }

    [Fact]
    public async Task Rows_carry_the_amount_in_minor_units_with_its_currency()
    {
        await using var db = database.CreateDbContext();
        var order = await db.Orders.AsNoTracking().OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).FirstAsync();

        var row = (await queries.ListAsync(new OrderFilter(), 0, 1, CancellationToken.None)).Rows.Single();

        Assert.Equal(order.Id, row.Id);
        Assert.Equal(order.AmountTotal, row.Amount.MinorUnits);
        Assert.Equal(order.Currency, row.Amount.Currency);
    }

    [Fact]
    public async Task Page_size_is_capped()
    {
        var page = await queries.ListAsync(new OrderFilter(), 0, 10_000, CancellationToken.None);

        Assert.Equal(OrderQueries.MaxPageSize, page.Rows.Count);
    }
}
