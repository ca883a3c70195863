using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Serp.Admin.Tests.Browser;

/// <summary>/analytics in Chromium over the demo data: every chart draws its SVG with its series, links open /orders.</summary>
public sealed class AnalyticsBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static string TwelveMonths()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return $"from={today.AddDays(-364).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" +
            $"&to={today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&granularity=month&currency=usd";
    }

    [Fact]
    public async Task Every_chart_renders_its_series_as_svg_for_twelve_months()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/auth/dev-signin?role=Viewer&returnUrl=" + Uri.EscapeDataString("/analytics?" + TwelveMonths()));

        await Expect(page.Locator("[data-circuit=live]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("headline-cards")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        foreach (var chart in new[] { "revenue", "conversion", "failures", "failure-rate", "refund-timing" })
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

        // Dark mode re-themes the drawn charts instead of leaving light ones on a dark page.
        await page.GetByTestId("dark-mode-toggle").ClickAsync();
        await Expect(page.Locator("[data-chart=revenue] .apexcharts-tooltip.apexcharts-theme-dark").First).ToBeAttachedAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "analytics-dark.png"), FullPage = true });
    }

    [Fact]
    public async Task Clicking_a_product_opens_its_orders_with_the_same_period()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/auth/dev-signin?role=Viewer&returnUrl=" + Uri.EscapeDataString("/analytics?" + TwelveMonths()));
        await Expect(page.Locator("[data-circuit=live]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

        var first = page.GetByTestId("product-table").Locator("tbody tr").First.GetByRole(AriaRole.Link);
        await Expect(first).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await first.ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/orders\\?.*offer=offer-"), new() { Timeout = 15_000 });
        Assert.Contains("currency=usd", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("order-filters")).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }
}
