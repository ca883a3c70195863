using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Serp.Domain.Orders;
using static Microsoft.Playwright.Assertions;

namespace Serp.Admin.Tests.Browser;

/// <summary>/orders in Chromium: filters through the controls, keyset paging, and the CSV download.</summary>
public sealed partial class OrdersBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Filters_chosen_in_the_page_go_to_the_url_and_narrow_the_rows()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await OpenAsync(context, "/orders");

        await page.GetByTestId("source-filter").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("PayPal", new() { Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(SourcePayPal());
        // The URL changes before the circuit has read the filtered rows, and the unfiltered first row may be a PayPal
        // one: wait until no row of another source is left (then until rows show), never read the rows once at once.
        var sources = page.Locator("tbody tr.mud-table-row td[data-label='Source']");
        await Expect(sources.Filter(new() { HasNotTextRegex = PayPalOnly() })).ToHaveCountAsync(0);
        await Expect(sources).Not.ToHaveCountAsync(0);

        await page.GetByTestId("affiliate-filter").FillAsync("aff_nobody");
        await page.GetByTestId("affiliate-filter").PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("affiliate=aff_nobody"));
        await Expect(page.GetByTestId("orders-empty")).ToContainTextAsync("No orders match these filters.");
    }

    [Fact]
    public async Task Older_and_newer_page_through_links()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await OpenAsync(context, "/orders");
        var firstRow = await page.Locator("tbody tr.mud-table-row").First.TextContentAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Older" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("after=\\d+\\.[0-9a-f]{32}"));
        await Expect(page.Locator("tbody tr.mud-table-row").First).Not.ToHaveTextAsync(firstRow!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Newer" }).ClickAsync();
        await Expect(page.Locator("tbody tr.mud-table-row").First).ToHaveTextAsync(firstRow!);
    }

    [Fact]
    public async Task The_export_button_downloads_a_csv_with_one_line_per_filtered_order()
    {
        await using (var db = fixture.Database.CreateDbContext())
        {
            var paypal = await db.Orders.CountAsync(o => o.Source == PaymentSource.PayPal);
            Assert.InRange(paypal, 1, await db.Orders.CountAsync() - 1);
            await using var context = await fixture.NewContextAsync();
            var page = await OpenAsync(context, "/orders?source=paypal");
            await Expect(page.GetByTestId("orders-total")).ToHaveTextAsync($"{paypal:N0} orders");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());

            Assert.Matches("^orders-\\d{4}-\\d{2}-\\d{2}\\.csv$", download.SuggestedFilename);
            var lines = (await File.ReadAllTextAsync(await download.PathAsync())).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("id,created_at,customer_email", lines[0], StringComparison.Ordinal);
            Assert.Equal(paypal, lines.Length - 1);
            await Expect(page.GetByTestId("export-result")).ToContainTextAsync($"Downloaded {paypal:N0} orders.");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "orders-filtered.png"), FullPage = true });
        }
    }

    [Fact]
    public async Task The_first_response_carries_the_rows_and_the_live_page_keeps_them()
    {
        await using var db = fixture.Database.CreateDbContext();
        var paypal = await db.Orders.CountAsync(o => o.Source == PaymentSource.PayPal);
        Assert.InRange(paypal, 1, await db.Orders.CountAsync() - 1);
        await using var context = await fixture.NewContextAsync();
        await context.AddInitScriptAsync(CountVanishingRows);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/auth/dev-signin?role=Viewer&returnUrl={Uri.EscapeDataString("/orders?source=paypal")}");

        // The HTML itself, as the server sends it before any script runs: the filtered rows are in it.
        var response = await context.APIRequest.GetAsync("/orders?source=paypal");
        Assert.Equal(200, response.Status);
        var html = await response.TextAsync();
        Assert.Equal(Math.Min(25, paypal), PayPalSourceCell().Count(html));
        Assert.DoesNotContain(">Stripe</td>", html, StringComparison.Ordinal);
        // And the page that loaded it kept its rows while the circuit attached and counted them.
        await Expect(page.Locator("[data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("orders-total")).ToHaveTextAsync($"{paypal:N0} orders");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.__vanishedRows"));
        await Expect(page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(Math.Min(25, paypal));
    }

    // Counts how often the grid goes from showing rows to showing none (the flash of a grid that reads its rows again).
    private const string CountVanishingRows = """
        (() => {
          window.__vanishedRows = 0;
          let present = false;
          new MutationObserver(() => {
            const now = document.querySelector('[data-testid=orders-grid] tbody tr.mud-table-row') !== null;
            if (present && !now) window.__vanishedRows++;
            present = now;
          }).observe(document, { childList: true, subtree: true });
        })();
        """;

    private static async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/auth/dev-signin?role=Viewer&returnUrl={Uri.EscapeDataString(path)}");
        await Expect(page.Locator("[data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("tbody tr.mud-table-row").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        return page;
    }

    [GeneratedRegex("source=paypal")]
    private static partial Regex SourcePayPal();

    [GeneratedRegex(@"^\s*PayPal\s*$")]
    private static partial Regex PayPalOnly();

    [GeneratedRegex("<td data-label=\"Source\"[^>]*>PayPal</td>")]
    private static partial Regex PayPalSourceCell();
}
