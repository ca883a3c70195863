using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serp.Admin.Features.Orders;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Data;

namespace Serp.Admin.Tests.Components;

public sealed class OrdersPageTests : MudTestContext, IClassFixture<DemoDatabaseFixture>
{
    private readonly DemoDatabaseFixture demo;

    public OrdersPageTests(DemoDatabaseFixture demo)
    {
        this.demo = demo;
        Services.AddSingleton<IDbContextFactory<SerpDbContext>>(new TestDbContextFactory(demo.Database));
        Services.AddSingleton<OrderQueries>();
        Services.AddSingleton(TestCatalog.Create());
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
    }

    [Fact]
    public async Task Shows_the_newest_orders_from_the_database_first()
    {
        await using var db = demo.Database.CreateDbContext();
        var newest = await db.Orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).FirstAsync();

        var page = Render<OrdersPage>();

        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("tbody tr.mud-table-row").Count), TimeSpan.FromSeconds(10));
        var firstRow = page.FindAll("tbody tr.mud-table-row")[0].TextContent;
        Assert.Contains(newest.CustomerEmail!, firstRow, StringComparison.Ordinal);
        Assert.Contains(TestCatalog.Create().DisplayName(newest.OfferId), firstRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_from_the_query_string_narrow_the_rows()
    {
        await using var db = demo.Database.CreateDbContext();
        var refunded = await db.Orders.CountAsync(o => o.PaymentStatus == "refunded");
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/orders?status=refunded");

        var page = Render<OrdersPage>();

        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("tbody tr.mud-table-row");
            Assert.Equal(Math.Min(25, refunded), rows.Count);
            Assert.All(rows, r => Assert.Contains("Refunded", r.TextContent, StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void An_empty_result_says_so()
    {
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/orders?status=no-such-status");

        var page = Render<OrdersPage>();

        page.WaitForAssertion(() => Assert.Contains("No orders match these filters.",
            page.Find("[data-testid='orders-empty']").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_partly_refunded_order_shows_how_much_went_back()
    {
        await using var db = demo.Database.CreateDbContext();
        var newest = await db.Orders.Where(o => o.PaymentStatus == "partially_refunded")
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).FirstAsync();
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/orders?status=partially_refunded");

        var page = Render<OrdersPage>();

        var refunded = new Serp.Domain.Money.Money(newest.AmountRefunded, newest.Currency).Format();
        page.WaitForAssertion(() => Assert.Contains($"{refunded} refunded",
            page.FindAll("tbody tr.mud-table-row")[0].TextContent.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
    }
}
