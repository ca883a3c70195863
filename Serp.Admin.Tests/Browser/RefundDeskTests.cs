using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Serp.Admin.Tests.TestData.Stripe;
using Serp.Domain.Purchases;
using static Microsoft.Playwright.Assertions;

namespace Serp.Admin.Tests.Browser;

/// <summary>The refund desk flow in Chromium, against the app whose Stripe API is the fake (real Stripe.net client).</summary>
public sealed class RefundDeskTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Support_finds_an_order_from_the_app_bar_refunds_part_of_it_on_its_page_and_sees_it_on_the_timeline_and_the_desk()
    {
        var paid = await PaidOrderAsync();
        await using var context = await fixture.NewContextAsync();
        var page = await SignInAsync(context, "Support");

        // The app bar: the email lists the order; its payment intent id opens it.
        await page.Keyboard.PressAsync("Control+k");
        await page.Keyboard.TypeAsync(paid.Email);
        var orders = page.GetByRole(AriaRole.Listbox, new() { Name = "Search results" }).GetByRole(AriaRole.Group, new() { Name = "Orders" });
        await Expect(orders.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await Expect(orders.GetByRole(AriaRole.Option)).ToContainTextAsync(paid.Email);
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.TypeAsync(paid.PaymentIntent);
        await Expect(page).ToHaveURLAsync(new Regex($"/orders/{paid.Id:D}$"));
        await page.GetByTestId("order-actions").GetByRole(AriaRole.Button, new() { Name = "Refund" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("Amount (USD)")).ToHaveValueAsync("97.00");
        await dialog.GetByLabel("Amount (USD)").FillAsync("20.00");
        await dialog.GetByText("Requested by customer").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Review refund" }).ClickAsync();
        await Expect(dialog.GetByTestId("refund-confirmation")).ToHaveTextAsync($"Refund $20.00 of $97.00 to {paid.Email}?");
        await page.ScreenshotAsync(new() { Path = Screenshot("refund-dialog.png") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Refund $20.00" }).ClickAsync();

        await Expect(page.GetByText("Refunded $20.00 (succeeded).")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("order-refunded")).ToContainTextAsync("$20.00 refunded");
        var step = page.Locator("[data-testid=timeline-step][data-kind=Refund]");
        await Expect(step).ToContainTextAsync("$20.00");
        await Expect(step).ToContainTextAsync("dev-support@serp.local");
        await page.ScreenshotAsync(new() { Path = Screenshot("refund-order-timeline.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Refunds & disputes" }).ClickAsync();
        var recent = page.GetByTestId("recent-refund").Filter(new() { HasText = paid.Email });
        await Expect(recent).ToContainTextAsync("dev-support@serp.local");
        await Expect(recent).ToContainTextAsync("$20.00");
        await Expect(recent).ToContainTextAsync("Requested by customer");
        await page.ScreenshotAsync(new() { Path = Screenshot("refund-desk.png"), FullPage = true });
        Assert.Equal(1, fixture.Stripe.RefundsCreated(paid.PaymentIntent));
    }

    [Fact]
    public async Task A_Viewer_finds_the_order_but_sees_no_refund_button_on_the_desk_or_its_page()
    {
        var paid = await PaidOrderAsync();
        await using var context = await fixture.NewContextAsync();
        var page = await SignInAsync(context, "Viewer");

        var row = await SearchDeskAsync(page, paid.Email);
        await Expect(row).ToContainTextAsync("$97.00");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Refund" })).ToHaveCountAsync(0);
        await row.GetByRole(AriaRole.Link, new() { Name = "Order" }).ClickAsync();

        await Expect(page.GetByTestId("order-header")).ToContainTextAsync("$97.00");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Refund" })).ToHaveCountAsync(0);
    }

    private Task<PaidOrder> PaidOrderAsync() =>
        PaidStripeOrders.CreateAsync(fixture.Database, fixture.App.Services.GetRequiredService<PurchaseLedger>(), fixture.Stripe);

    private static async Task<IPage> SignInAsync(IBrowserContext context, string role)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/auth/dev-signin?role={role}&returnUrl=/refunds");
        await Expect(page.Locator("[data-circuit=live]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        return page;
    }

    private static async Task<ILocator> SearchDeskAsync(IPage page, string text)
    {
        await page.GetByTestId("desk-search").FillAsync(text);
        await page.GetByTestId("desk-search").PressAsync("Enter");
        var row = page.GetByTestId("desk-result");
        await Expect(row).ToHaveCountAsync(1);
        return row;
    }

    private static string Screenshot(string name) => Path.Combine(BrowserFixture.ArtifactsDirectory, name);
}
