using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Serp.Admin.Tests.Browser;

/// <summary>
/// /analytics in Chromium over the demo data: every chart draws its SVG with its series, the customer section and its
/// cohorts, the product table's sort in the URL, conversion tables that fit at 1280 px, links open /orders in UTC days.
/// </summary>
public sealed class AnalyticsBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static string TwelveMonths()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return $"from={today.AddDays(-364).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" +
            $"&to={today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&granularity=month&currency=usd";
    }

    /// <summary>A Viewer's /analytics over the last 12 months by month in usd, once the circuit is live.</summary>
    private static async Task<IPage> OpenTwelveMonthsAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/auth/dev-signin?role=Viewer&returnUrl=" + Uri.EscapeDataString("/analytics?" + TwelveMonths()));
        await Expect(page.Locator("[data-circuit=live]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        return page;
    }

    [Fact]
    public async Task Every_chart_renders_its_series_as_svg_for_twelve_months()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await OpenTwelveMonthsAsync(context);
        await Expect(page.GetByTestId("headline-cards")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        foreach (var chart in new[] { "revenue", "conversion", "failures", "failure-rate", "refund-timing", "customers-buyers", "customers-revenue", "customers-ltv" })
        {
            var frame = page.Locator($"[data-chart={chart}]");
            var series = int.Parse(await frame.GetAttributeAsync("data-series") ?? "0", CultureInfo.InvariantCulture);
            Assert.True(series > 0, $"{chart} has no series");
            await Expect(frame.Locator("svg.apexcharts-svg")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            await Expect(frame.Locator("g.apexcharts-series")).ToHaveCountAsync(series, new() { Timeout = 15_000 });
        }
        // A sparkline per product row.
        var rows = await page.GetByTestId("product-table").Locator("tbody tr").CountAsync();
        Assert.True(rows > 1, $"only {rows} product rows");
        await Expect(page.Locator("[data-chart^=sparkline-] svg.apexcharts-svg")).ToHaveCountAsync(rows, new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "analytics.png"), FullPage = true });
        // Customers: a cohort per month of the period that had first purchases, and a value per currency.
        Assert.True(await page.GetByTestId("cohort").CountAsync() >= 6, "fewer than 6 cohorts in 12 months of demo data");
        Assert.True(await page.GetByTestId("customer-values").Locator("tbody tr").CountAsync() >= 1);
        await page.GetByTestId("customers-section").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "analytics-customers.png") });

        // Dark mode re-themes the drawn charts instead of leaving light ones on a dark page.
        await page.GetByTestId("dark-mode-toggle").ClickAsync();
        await Expect(page.Locator("[data-chart=revenue] .apexcharts-tooltip.apexcharts-theme-dark").First).ToBeAttachedAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "analytics-dark.png"), FullPage = true });
    }

    [Fact]
    public async Task Clicking_a_product_opens_its_orders_with_the_same_period()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await OpenTwelveMonthsAsync(context);

        var first = page.GetByTestId("product-table").Locator("tbody tr").First.GetByRole(AriaRole.Link);
        await Expect(first).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await first.ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/orders\\?.*offer=offer-"), new() { Timeout = 15_000 });
        Assert.Contains("currency=usd", page.Url, StringComparison.Ordinal);
        // The page's periods are UTC days; this browser is in Berlin, whose midnights would pick other orders.
        Assert.Contains("tz=UTC", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("order-filters")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("orders-zone")).ToContainTextAsync("UTC", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task The_product_tables_sort_is_in_the_url()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await OpenTwelveMonthsAsync(context);
        var offers = page.GetByTestId("product-table").Locator("tbody tr td:first-child");
        // Drawn sparklines mean the live circuit's own load has replaced the prerendered table: a click now counts.
        await Expect(page.Locator("[data-chart^=sparkline-] svg.apexcharts-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var byGross = (await offers.AllTextContentsAsync()).Select(t => t.Trim()).ToList();
        // The table compares names as strings do by default (the app runs in this process: the same culture).
        var byName = byGross.Order(StringComparer.CurrentCulture).ToList();
        Assert.NotEqual(byName, byGross); // the default order (gross, largest first) is not the alphabetical one

        // Charts above the table draw after it and push it down: a click aimed before they settle can land on the row
        // below the header. Wait until every chart on the page has its SVG, and click again if the first one missed.
        await Expect(page.Locator("[data-chart]:not(:has(svg.apexcharts-svg))")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        var offerHeader = page.GetByTestId("product-table").Locator("thead .mud-table-sort-label", new() { HasText = "Offer" });
        for (var attempt = 1; ; attempt++)
        {
            await offerHeader.ClickAsync();
            try
            {
                await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("sort=offer"), new() { Timeout = 5_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                // Missed (the table moved under the pointer): the next click sorts by offer either way, asc or desc.
            }
        }

        // A reload (or the link) shows the same order.
        await page.ReloadAsync();
        await Expect(page.Locator("[data-circuit=live]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-chart^=sparkline-] svg.apexcharts-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var sorted = (await offers.AllTextContentsAsync()).Select(t => t.Trim()).ToList();
        Assert.Equal(page.Url.Contains("dir=asc", StringComparison.Ordinal) ? byName : Enumerable.Reverse(byName).ToList(), sorted);
    }

    [Fact]
    public async Task The_conversion_and_cohort_tables_show_every_column_at_1280_pixels()
    {
        await using var context = await fixture.NewContextAsync(width: 1280);
        var page = await OpenTwelveMonthsAsync(context);

        foreach (var table in new[] { "conversion-offer", "conversion-lander" })
        {
            var last = page.GetByTestId(table).Locator("thead th").Last;
            await Expect(last).ToHaveTextAsync("Conversion", new() { Timeout = 15_000 });
            var cell = (await last.BoundingBoxAsync())!;
            var frame = (await page.GetByTestId(table).BoundingBoxAsync())!;
            Assert.True(cell.X + cell.Width <= frame.X + frame.Width + 1, $"{table}: its last column ends at {cell.X + cell.Width}, the table at {frame.X + frame.Width}");
            Assert.True(cell.X + cell.Width <= 1280, $"{table}: its last column ends off screen at {cell.X + cell.Width}");
        }
        await page.GetByTestId("checkout-section").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "analytics-1280-conversion.png") });

        // The cohort table is wider than the page: it scrolls in its box, so its last month can be brought into view.
        var lastMonth = page.GetByTestId("cohort-table").Locator("thead th").Last;
        await Expect(lastMonth).ToBeAttachedAsync(new() { Timeout = 15_000 });
        await lastMonth.ScrollIntoViewIfNeededAsync();
        var month = (await lastMonth.BoundingBoxAsync())!;
        Assert.True(month.X >= 0 && month.X + month.Width <= 1280, $"the cohort table's last month is at {month.X}–{month.X + month.Width}");
        await page.GetByTestId("customers-section").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "analytics-1280-customers.png") });
    }
}
