using System.Text.Json.Nodes;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Components.Shared;
using Serp.Admin.Features.Orders;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Data;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.Components;

/// <summary>The /orders page: URL → filters → rows, and controls → URL. Every filter is shown to match some rows and not others.</summary>
public sealed class OrdersPageTests : MudTestContext, IClassFixture<DemoDatabaseFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly DemoDatabaseFixture demo;

    public OrdersPageTests(DemoDatabaseFixture demo)
    {
        this.demo = demo;
        Services.AddSingleton<IDbContextFactory<SerpDbContext>>(new TestDbContextFactory(demo.Database));
        Services.AddSingleton<OrderQueries>();
        Services.AddSingleton<SavedViewStore>();
        Services.AddSingleton<OrderExportProgress>();
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestCatalog.Now));
        Services.AddSingleton(TestCatalog.Create());
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        persistentState = AddBunitPersistentComponentState();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private readonly BunitPersistentComponentState persistentState;

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public async Task Filters_in_the_url_narrow_the_rows_and_the_total_is_exact()
    {
        await using var db = demo.Database.CreateDbContext();
        var matching = await db.Orders.CountAsync(o => o.PaymentStatus == PaymentStatus.Refunded && o.Source == PaymentSource.PayPal);
        var others = await db.Orders.CountAsync(o => o.PaymentStatus != PaymentStatus.Refunded || o.Source != PaymentSource.PayPal);
        Assert.True(matching > 0 && others > 0, $"{matching} matching, {others} others");
        Navigation.NavigateTo("/orders?status=refunded&source=paypal");

        var page = Render<OrdersPage>();

        page.WaitForAssertion(() =>
        {
            var rows = Rows(page);
            Assert.Equal(Math.Min(25, matching), rows.Count);
            Assert.All(rows, r => Assert.Contains("Refunded", r.TextContent, StringComparison.Ordinal));
            Assert.All(rows, r => Assert.Contains("PayPal", r.TextContent, StringComparison.Ordinal));
            Assert.Equal($"{matching:N0} orders", page.Find("[data-testid='orders-total']").TextContent.Trim());
        }, Wait);
    }

    [Fact]
    public async Task The_newest_order_comes_first_and_links_to_its_page()
    {
        await using var db = demo.Database.CreateDbContext();
        var newest = await db.Orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).FirstAsync();

        var page = Render<OrdersPage>();

        page.WaitForAssertion(() =>
        {
            Assert.Equal(25, Rows(page).Count);
            var first = Rows(page)[0];
            Assert.Contains(newest.CustomerEmail!, first.TextContent, StringComparison.Ordinal);
            Assert.Contains(TestCatalog.Create().DisplayName(newest.OfferId), first.TextContent, StringComparison.Ordinal);
            Assert.Equal($"/orders/{newest.Id}", first.QuerySelector("a")!.GetAttribute("href"));
        }, Wait);
    }

    [Fact]
    public async Task Typing_a_filter_puts_it_in_the_url()
    {
        Navigation.NavigateTo("/orders");
        var page = Render<OrdersPage>();
        WaitUntilSettled(page);

        await page.InvokeAsync(() => Input(page, "lander-filter").Change("lander-quiz"));

        page.WaitForAssertion(() => Assert.Equal("lander-quiz", Query("lander")), Wait);
    }

    [Fact]
    public async Task Amounts_are_typed_in_the_currencys_major_units_and_kept_in_minor_units()
    {
        Navigation.NavigateTo("/orders?currency=eur");
        var page = Render<OrdersPage>();
        WaitUntilSettled(page);

        await page.InvokeAsync(() => Input(page, "amount-min").Change("49.00"));

        page.WaitForAssertion(() => Assert.Equal("4900", Query("amount_min")), Wait);
        Assert.Equal("eur", Query("currency"));
    }

    [Fact]
    public async Task The_older_button_leads_to_the_next_rows_through_a_link()
    {
        await using var db = demo.Database.CreateDbContext();
        var expected = await db.Orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Skip(25).Take(25).Select(o => o.CustomerEmail).ToListAsync();
        Navigation.NavigateTo("/orders");
        var first = Render<OrdersPage>();
        WaitUntilSettled(first);

        await first.InvokeAsync(() => first.FindAll("button").Single(b => b.TextContent.Trim() == "Older").Click());
        first.WaitForAssertion(() => Assert.NotNull(Query("after")), Wait);
        var second = Render<OrdersPage>();

        second.WaitForAssertion(() => Assert.Equal(expected, Rows(second).Select(r => Email(r))), Wait);
    }

    [Fact]
    public void An_invalid_link_says_what_is_wrong_and_shows_no_rows()
    {
        Navigation.NavigateTo("/orders?status=lost&amount_min=ten");

        var page = Render<OrdersPage>();

        page.WaitForAssertion(() =>
        {
            var message = page.Find("[data-testid='orders-invalid']").TextContent;
            Assert.Contains("status \"lost\"", message, StringComparison.Ordinal);
            Assert.Contains("amount_min \"ten\"", message, StringComparison.Ordinal);
            Assert.Empty(Rows(page));
        }, Wait);
    }

    [Fact]
    public async Task A_link_with_tz_reads_its_dates_in_that_zone_not_the_operators()
    {
        // /analytics links with UTC days; this operator is 14 hours ahead, so their own midnights pick other orders.
        var day = await BusiestDayAsync();
        var utc = await CountAsync(day, TimeSpan.Zero);
        var local = await CountAsync(day, TimeSpan.FromHours(14));
        Assert.True(utc > 0 && utc != local, $"{utc} orders in UTC, {local} at UTC+14");
        Navigation.NavigateTo($"/orders?from={day:yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}&tz=UTC");

        var page = Render<OrdersPage>(p => p.AddCascadingValue(OperatorTimeZone.FromIana("Pacific/Kiritimati")));

        page.WaitForAssertion(() =>
        {
            Assert.Equal($"{utc:N0} orders", page.Find("[data-testid='orders-total']").TextContent.Trim());
            Assert.Contains("UTC", page.Find("[data-testid='orders-zone']").TextContent, StringComparison.Ordinal);
            // Saving this view keeps the zone: reopened later by this operator, the same days pick the same orders.
            Assert.Equal($"from={day:yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}&tz=UTC", page.FindComponent<SavedViewsBar>().Instance.Query);
        }, Wait);
    }

    [Fact]
    public void A_link_with_an_unknown_tz_says_so_and_shows_no_rows()
    {
        Navigation.NavigateTo("/orders?from=2026-01-01&tz=Mars/Olympus");

        var page = Render<OrdersPage>();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("\"Mars/Olympus\" (tz) is not known", page.Find("[data-testid='orders-invalid']").TextContent, StringComparison.Ordinal);
            Assert.Empty(Rows(page));
        }, Wait);
    }

    private async Task<DateOnly> BusiestDayAsync()
    {
        await using var db = demo.Database.CreateDbContext();
        var times = await db.Orders.Select(o => o.CreatedAt).ToListAsync();
        return times.GroupBy(t => DateOnly.FromDateTime(t.UtcDateTime)).OrderByDescending(g => g.Count()).First().Key;
    }

    private async Task<int> CountAsync(DateOnly day, TimeSpan offset)
    {
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), offset).ToUniversalTime();
        await using var db = demo.Database.CreateDbContext();
        return await db.Orders.CountAsync(o => o.CreatedAt >= from && o.CreatedAt < from.AddDays(1));
    }

    [Fact]
    public void An_empty_result_says_so()
    {
        Navigation.NavigateTo("/orders?lander=nowhere");

        var page = Render<OrdersPage>();

        page.WaitForAssertion(() => Assert.Contains("No orders match these filters.",
            page.Find("[data-testid='orders-empty']").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task A_small_filtered_set_shows_its_totals_per_currency()
    {
        await using var db = demo.Database.CreateDbContext();
        var currencies = await db.Orders.Where(o => o.Source == PaymentSource.PayPal).Select(o => o.Currency).Distinct().CountAsync();
        Assert.True(currencies > 1);
        Navigation.NavigateTo("/orders?source=paypal");

        var page = Render<OrdersPage>();

        page.WaitForAssertion(() => Assert.Equal(currencies, page.FindAll("[data-testid='order-totals'] tr[data-currency]").Count), Wait);
    }

    [Fact]
    public async Task A_partly_refunded_order_shows_how_much_went_back()
    {
        await using var db = demo.Database.CreateDbContext();
        var newest = await db.Orders.Where(o => o.PaymentStatus == PaymentStatus.PartiallyRefunded)
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).FirstAsync();
        Navigation.NavigateTo("/orders?status=partially_refunded");

        var page = Render<OrdersPage>();

        var refunded = new Serp.Domain.Money.Money(newest.AmountRefunded, newest.Currency).Format();
        page.WaitForAssertion(() => Assert.Contains($"{refunded} refunded",
            Rows(page)[0].TextContent.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task The_circuit_shows_the_rows_the_prerender_read_at_once_and_does_not_read_them_again()
    {
        await using var db = demo.Database.CreateDbContext();
        var paypal = await db.Orders.CountAsync(o => o.Source == PaymentSource.PayPal);
        Assert.InRange(paypal, 1, await db.Orders.CountAsync() - 1);
        Navigation.NavigateTo("/orders?source=paypal");
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var prerender = Render<OrdersPage>();
        prerender.WaitForAssertion(() => Assert.Equal(Math.Min(25, paypal), Rows(prerender).Count), Wait);

        // bUnit starts the persisting on the renderer's dispatcher without waiting for it: from inside the dispatcher it
        // runs inline, so the state is there when TryTake asks (from outside, a busy dispatcher queued it: flaky under load).
        await prerender.InvokeAsync(persistentState.TriggerOnPersisting);

        Assert.True(persistentState.TryTake<JsonObject>("orders-page", out var handedOver));
        var rows = handedOver!["page"]!["rows"]!.AsArray();
        Assert.Equal(Math.Min(25, paypal), rows.Count);
        // A name no order has: shown only if the circuit takes the rows it was handed instead of reading them again.
        rows[0]!["customerName"] = "Handed Over";
        persistentState.Persist("orders-page", handedOver);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var live = Render<OrdersPage>();

        // The first interactive render, before anything awaited: the grid is already full, never "Loading orders…".
        Assert.Equal(rows.Count, Rows(live).Count);
        Assert.Contains("Handed Over", Rows(live)[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("false", live.Find("[data-testid='orders-grid']").GetAttribute("aria-busy"));
        live.WaitForAssertion(() => Assert.Equal($"{paypal:N0} orders", live.Find("[data-testid='orders-total']").TextContent.Trim()), Wait);
        Assert.Contains("Handed Over", Rows(live)[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_handed_over_for_another_view_are_not_shown()
    {
        await using var db = demo.Database.CreateDbContext();
        var newest = await db.Orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).FirstAsync();
        // A view whose rows cannot start with the newest order.
        var otherStatus = await db.Orders.Where(o => o.PaymentStatus != newest.PaymentStatus).Select(o => o.PaymentStatus).FirstAsync();
        Navigation.NavigateTo($"/orders?status={otherStatus}");
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var prerender = Render<OrdersPage>();
        prerender.WaitForAssertion(() => Assert.NotEmpty(Rows(prerender)), Wait);
        await prerender.InvokeAsync(persistentState.TriggerOnPersisting);
        Assert.True(persistentState.TryTake<JsonObject>("orders-page", out var handedOver));
        persistentState.Persist("orders-page", handedOver);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Navigation.NavigateTo("/orders");

        var live = Render<OrdersPage>();

        live.WaitForAssertion(() => Assert.Equal(newest.CustomerEmail, Email(Rows(live)[0])), Wait);
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<OrdersPage> page) => page.FindAll("tbody tr.mud-table-row");

    /// <summary>Rows, count and totals all shown: no render is pending that would replace the controls under a click.</summary>
    private static void WaitUntilSettled(IRenderedComponent<OrdersPage> page) => page.WaitForAssertion(() =>
    {
        Assert.NotEmpty(Rows(page));
        Assert.DoesNotContain("Counting", page.Find("[data-testid='orders-total']").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid='order-totals'] tr[data-currency]"));
    }, Wait);

    private static string Email(AngleSharp.Dom.IElement row) => row.QuerySelector(".serp-secondary")!.TextContent.Trim();

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<OrdersPage> page, string testId)
    {
        var element = page.Find($"[data-testid='{testId}']");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    private string? Query(string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query).TryGetValue(name, out var value) ? value.ToString() : null;
}
