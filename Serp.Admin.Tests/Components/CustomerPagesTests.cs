using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serp.Admin.Auth;
using Serp.Admin.Features.Customers;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Data;

namespace Serp.Admin.Tests.Components;

/// <summary>The customer page and the customer list, over the demo database.</summary>
public sealed class CustomerPagesTests : MudTestContext, IClassFixture<DemoDatabaseFixture>
{
    private readonly DemoDatabaseFixture demo;

    public CustomerPagesTests(DemoDatabaseFixture demo)
    {
        this.demo = demo;
        Services.AddSingleton<IDbContextFactory<SerpDbContext>>(new TestDbContextFactory(demo.Database));
        Services.AddSingleton<CustomerQueries>();
        Services.AddSingleton<CustomerListQueries>();
        Services.AddSingleton(TestCatalog.Create());
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        Services.AddSingleton(TimeProvider.System);
        Services.AddGhlPageForTests();
        AddAuthorization().SetAuthorized("viewer@serp.local").SetRoles(Roles.Viewer);
    }

    [Fact]
    public async Task The_customer_page_lists_the_orders_and_the_value_per_currency()
    {
        await using var db = demo.Database.CreateDbContext();
        // The customer who paid in the most currencies (then the most orders).
        var customer = await db.CustomerTotals.AsNoTracking().GroupBy(t => t.Email)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Sum(t => t.Orders)).ThenBy(g => g.Key)
            .Select(g => g.Key).FirstAsync();
        var orders = await db.Orders.FromSql($"SELECT * FROM orders WHERE lower(customer_email) = {customer}").CountAsync();
        var totals = await db.CustomerTotals.AsNoTracking().Where(t => t.Email == customer).ToListAsync();

        var page = Render<CustomerPage>(p => p.Add(x => x.Email, customer.ToUpperInvariant()));

        page.WaitForAssertion(() => Assert.Equal(orders, page.FindAll("[data-testid=customer-orders] tbody tr").Count), TimeSpan.FromSeconds(10));
        var value = page.FindAll("[data-testid=lifetime-value] tbody tr");
        Assert.Equal(totals.Count, value.Count);
        foreach (var t in totals)
        {
            var row = value.Single(r => r.GetAttribute("data-currency") == t.Currency).TextContent;
            Assert.Contains(new Serp.Domain.Money.Money(t.Gross, t.Currency).Format(), row, StringComparison.Ordinal);
            Assert.Contains(new Serp.Domain.Money.Money(t.Net, t.Currency).Format(), row, StringComparison.Ordinal);
        }
        Assert.All(page.FindAll("[data-testid=customer-orders] tbody tr a"), a => Assert.StartsWith("/orders/", a.GetAttribute("href"), StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_customer_says_so()
    {
        var page = Render<CustomerPage>(p => p.Add(x => x.Email, "nobody@nowhere.example"));

        page.WaitForAssertion(() => Assert.Contains("No orders or checkouts for this email.",
            page.Find("[data-testid=customer-not-found]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_list_starts_with_the_biggest_usd_spender()
    {
        await using var db = demo.Database.CreateDbContext();
        var top = await db.CustomerTotals.AsNoTracking().Where(t => t.Currency == "usd")
            .OrderByDescending(t => t.Net).ThenByDescending(t => t.Email).FirstAsync();
        var page = Render<CustomersPage>();
        page.WaitForAssertion(() => Assert.Equal(CustomersPage.PageSize, page.FindAll("[data-testid=customers-grid] tbody tr").Count), TimeSpan.FromSeconds(10));
        Assert.Contains(top.Email, page.FindAll("[data-testid=customers-grid] tbody tr")[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_view_comes_from_the_url_and_a_change_goes_back_into_it()
    {
        await using var db = demo.Database.CreateDbContext();
        // Rows to tell the views apart: the newest EUR buyer is not the biggest EUR spender.
        var newest = await db.CustomerTotals.AsNoTracking().Where(t => t.Currency == "eur")
            .OrderByDescending(t => t.LastPurchaseAt).ThenByDescending(t => t.Email).FirstAsync();
        var biggest = await db.CustomerTotals.AsNoTracking().Where(t => t.Currency == "eur")
            .OrderByDescending(t => t.Net).ThenByDescending(t => t.Email).FirstAsync();
        Assert.NotEqual(newest.Email, biggest.Email);
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/customers?currency=eur&sort=last");

        var page = Render<CustomersPage>();

        page.WaitForAssertion(() => Assert.Contains(newest.Email,
            page.FindAll("[data-testid=customers-grid] tbody tr")[0].TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.All(page.FindAll("[data-testid=customers-grid] tbody tr"), r => Assert.DoesNotContain("$", r.TextContent, StringComparison.Ordinal));

        await page.InvokeAsync(() => page.FindComponents<MudBlazor.MudSelect<CustomerSort>>()[0].Instance.ValueChanged.InvokeAsync(CustomerSort.NetSpend));

        Assert.EndsWith("/customers?currency=eur", navigation.Uri, StringComparison.Ordinal);
        // The link is the view: a page rendered from it (as the router would) shows the biggest spender first.
        var linked = Render<CustomersPage>();
        linked.WaitForAssertion(() => Assert.Contains(biggest.Email,
            linked.FindAll("[data-testid=customers-grid] tbody tr")[0].TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }
}
