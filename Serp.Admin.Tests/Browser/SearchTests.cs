using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Serp.Admin.Features.Search;
using static Microsoft.Playwright.Assertions;

namespace Serp.Admin.Tests.Browser;

/// <summary>The app bar's search in Chromium: shortcuts, grouped results, and a payment id that jumps to its order.</summary>
public sealed class SearchTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Ctrl_K_and_slash_focus_the_search_box()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await SignedInAsync(context);
        var box = page.Locator("#" + Serp.Admin.Components.Layout.GlobalSearch.InputId);
        await Expect(box).Not.ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Control+k");
        await Expect(box).ToBeFocusedAsync();

        await box.BlurAsync();
        await Expect(box).Not.ToBeFocusedAsync();
        await page.Keyboard.PressAsync("/");
        await Expect(box).ToBeFocusedAsync();
        await Expect(box).ToHaveValueAsync("");
    }

    [Fact]
    public async Task An_email_lists_its_customer_and_orders_and_the_keyboard_opens_one()
    {
        await using var db = fixture.Database.CreateDbContext();
        var email = await db.Orders.GroupBy(o => o.CustomerEmail!).Where(g => g.Count() > 1)
            .OrderBy(g => g.Key).Select(g => g.Key).FirstAsync();
        await using var context = await fixture.NewContextAsync();
        var page = await SignedInAsync(context);

        await page.Keyboard.PressAsync("Control+k");
        await page.Keyboard.InsertTextAsync(email);

        // Generous timeouts: under a loaded CI machine the debounced query and its render can take seconds.
        var results = page.GetByRole(AriaRole.Listbox, new() { Name = "Search results" });
        await Expect(results.GetByRole(AriaRole.Group, new() { Name = "Customers" }).GetByRole(AriaRole.Option))
            .ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(results.GetByRole(AriaRole.Group, new() { Name = "Orders" }).GetByRole(AriaRole.Option).First)
            .ToContainTextAsync(email, new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "search-email.png") });

        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(SearchLinks.Customer(email)) + "$"), new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task A_payment_intent_id_jumps_to_its_order()
    {
        await using var db = fixture.Database.CreateDbContext();
        var order = await db.Orders.Where(o => o.StripePaymentIntentId != null).OrderBy(o => o.CreatedAt)
            .Select(o => new { o.Id, o.StripePaymentIntentId }).FirstAsync();
        await using var context = await fixture.NewContextAsync();
        var page = await SignedInAsync(context);

        await page.Keyboard.PressAsync("/");
        await page.Keyboard.InsertTextAsync(order.StripePaymentIntentId!);

        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(SearchLinks.Order(order.Id)) + "$"), new() { Timeout = 15_000 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Order");
        await Expect(page.GetByTestId("order-header")).ToContainTextAsync(order.Id.ToString());

        // The box is empty again on the order page, and the same id typed again searches again (back from elsewhere).
        var box = page.Locator("#" + Serp.Admin.Components.Layout.GlobalSearch.InputId);
        await Expect(box).ToHaveValueAsync("", new() { Timeout = 15_000 });
        // Back to the list the way an agent goes (the nav link: the same circuit, no reload).
        await page.Locator("a.mud-nav-link[href='/orders']").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/orders$"), new() { Timeout = 15_000 });
        await page.Keyboard.PressAsync("/");
        await page.Keyboard.InsertTextAsync(order.StripePaymentIntentId!);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(SearchLinks.Order(order.Id)) + "$"), new() { Timeout = 15_000 });
        await Expect(box).ToHaveValueAsync("", new() { Timeout = 15_000 });
    }

    private static async Task<IPage> SignedInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/auth/dev-signin?role=Support&returnUrl=/orders");
        await Expect(page.Locator("[data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        return page;
    }
}
