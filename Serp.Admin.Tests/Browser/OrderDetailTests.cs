using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Serp.Admin.Tests.Browser;

public sealed class OrderDetailTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Support_reads_the_timeline_adds_a_note_and_opens_the_customer()
    {
        Guid orderId;
        string email;
        await using (var db = fixture.Database.CreateDbContext())
        {
            // The newest refunded order: paid, then refunded.
            var order = await db.Orders.AsNoTracking().Where(o => o.PaymentStatus == "refunded" && o.CustomerEmail != null)
                .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).FirstAsync();
            (orderId, email) = (order.Id, order.CustomerEmail!);
        }
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/auth/dev-signin?role=Support&returnUrl=/orders/{orderId}");
        await Expect(page.Locator("[data-circuit=live]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

        await Expect(page.GetByTestId("order-header")).ToContainTextAsync(orderId.ToString(), new() { Timeout = 15_000 });
        var steps = page.GetByTestId("timeline-step");
        await Expect(steps.Locator("h3", new() { HasText = "Payment succeeded" })).ToHaveCountAsync(1);
        await Expect(steps.Locator("h3", new() { HasText = "Refund" })).Not.ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "order-detail.png"), FullPage = true });

        await page.GetByLabel("Add a note").FillAsync("Customer asked for an invoice copy.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();

        var note = steps.Filter(new() { HasText = "Customer asked for an invoice copy." });
        await Expect(note).ToHaveCountAsync(1);
        await Expect(note).ToContainTextAsync("by dev-support@serp.local");

        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" })).ToHaveAttributeAsync("aria-pressed", "true");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "order-detail-dark.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();

        await page.GetByTestId("order-customer").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/customers/" + System.Text.RegularExpressions.Regex.Escape(Uri.EscapeDataString(email)) + "$"));
        // Up to 15 s, as the other browser waits: the customer page loads its orders (and its GHL state) after navigation.
        await Expect(page.GetByTestId("customer-orders").Locator($"a[href='/orders/{orderId}']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("lifetime-value")).ToContainTextAsync("Net");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "customer.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Customers" }).ClickAsync();
        await Expect(page.GetByTestId("customers-grid").Locator("tbody tr")).Not.ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "customers.png"), FullPage = true });
    }
}
