using Microsoft.EntityFrameworkCore;
using Serp.Admin.Features.Customers;
using Serp.Admin.Tests.TestData;

namespace Serp.Admin.Tests.Integration;

public sealed class CustomerListQueriesTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    private readonly CustomerListQueries queries = new(new TestDbContextFactory(demo.Database));

    private async Task<List<CustomerListRow>> AllPagesAsync(CustomerListQuery query)
    {
        var rows = new List<CustomerListRow>();
        for (var page = await queries.ListAsync(query, CancellationToken.None); ; page = await queries.ListAsync(query with { After = page.Next }, CancellationToken.None))
        {
            rows.AddRange(page.Rows);
            if (page.Next is null) return rows;
        }
    }

    [Theory]
    [InlineData(CustomerSort.NetSpend)]
    [InlineData(CustomerSort.LastPurchase)]
    public async Task Keyset_pages_cover_every_customer_of_the_currency_once_in_order(CustomerSort sort)
    {
        await using var db = demo.Database.CreateDbContext();
        var expected = await db.CustomerTotals.AsNoTracking().Where(t => t.Currency == "usd").CountAsync();
        Assert.True(expected > 100, $"only {expected} usd customers");

        var rows = await AllPagesAsync(new CustomerListQuery("usd", null, sort, PageSize: 37));

        Assert.Equal(expected, rows.Select(r => r.Email).Distinct().Count());
        Assert.Equal(expected, rows.Count);
        Assert.All(rows, r => Assert.Equal("usd", r.Net.Currency));
        var ordered = sort == CustomerSort.NetSpend
            ? rows.OrderByDescending(r => r.Net.MinorUnits).ThenByDescending(r => r.Email, StringComparer.Ordinal)
            : rows.OrderByDescending(r => r.LastPurchaseAt).ThenByDescending(r => r.Email, StringComparer.Ordinal);
        Assert.Equal(ordered.Select(r => r.Email), rows.Select(r => r.Email));
    }

    [Fact]
    public async Task An_email_prefix_finds_only_the_customers_whose_email_starts_with_it()
    {
        await using var db = demo.Database.CreateDbContext();
        var emails = await db.CustomerTotals.AsNoTracking().Where(t => t.Currency == "usd").Select(t => t.Email).ToListAsync();
        var prefix = emails.Order(StringComparer.Ordinal).First()[..3];
        var matching = emails.Count(e => e.StartsWith(prefix, StringComparison.Ordinal));
        Assert.InRange(matching, 1, emails.Count - 1);

        var rows = await AllPagesAsync(new CustomerListQuery("usd", prefix.ToUpperInvariant(), CustomerSort.NetSpend));

        Assert.Equal(matching, rows.Count);
        Assert.All(rows, r => Assert.StartsWith(prefix, r.Email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_name_fragment_finds_customers_by_any_part_of_their_name()
    {
        await using var db = demo.Database.CreateDbContext();
        var names = await db.CustomerTotals.AsNoTracking().Where(t => t.Currency == "usd" && t.CustomerName != null)
            .Select(t => new { t.Email, t.CustomerName }).ToListAsync();
        var fragment = names[0].CustomerName!.Split(' ')[^1][1..].ToLowerInvariant(); // a surname without its first letter
        var matching = names.Count(n => n.CustomerName!.Contains(fragment, StringComparison.OrdinalIgnoreCase) || n.Email.StartsWith(fragment, StringComparison.Ordinal));
        Assert.InRange(matching, 1, names.Count - 1);

        var rows = await AllPagesAsync(new CustomerListQuery("usd", fragment, CustomerSort.LastPurchase));

        Assert.Equal(matching, rows.Count);
        Assert.All(rows, r => Assert.True(r.Name!.Contains(fragment, StringComparison.OrdinalIgnoreCase) || r.Email.StartsWith(fragment, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Like_wildcards_in_a_search_are_taken_literally()
    {
        var rows = await AllPagesAsync(new CustomerListQuery("usd", "%", CustomerSort.NetSpend));

        Assert.Empty(rows);
    }

    [Fact]
    public async Task The_currencies_are_those_customers_paid_in()
    {
        await using var db = demo.Database.CreateDbContext();
        var expected = await db.CustomerTotals.Select(t => t.Currency).Distinct().OrderBy(c => c).ToListAsync();
        Assert.True(expected.Count > 1);

        Assert.Equal(expected, await queries.CurrenciesAsync(CancellationToken.None));
    }
}
