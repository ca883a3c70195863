using System.Diagnostics;
using Microsoft.Playwright;

namespace Serp.Bench.Desk;

/// <summary>
/// Debian's Chromium against the running app: time from navigation to the first order row on screen, for a list of
/// /orders links (filters and deep pages), as a support agent meets them.
/// </summary>
public sealed class BrowserProbe(Uri app) : IAsyncDisposable
{
    private IPlaywright? playwright;
    private IBrowser? browser;
    private IBrowserContext? context;

    public async Task StartAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/auth/dev-signin?role=Viewer&returnUrl=/orders");
        await page.Locator(RowSelector).First.WaitForAsync(new() { Timeout = 60_000 });
        await page.CloseAsync();
    }

    /// <summary>A rendered order row of the /orders grid (rows appear once the circuit is live and the query answered).</summary>
    public const string RowSelector = "[data-testid=orders-grid] tbody tr.mud-table-row";

    /// <summary>Milliseconds from the start of navigation until the first order row is visible.</summary>
    public async Task<double> FirstRowsAsync(string path)
    {
        var page = await context!.NewPageAsync();
        try
        {
            var start = Stopwatch.GetTimestamp();
            await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit });
            await page.Locator(RowSelector).First.WaitForAsync(new() { Timeout = 30_000 });
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (context is not null) await context.DisposeAsync();
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
    }
}
