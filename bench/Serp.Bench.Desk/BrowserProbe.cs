using Microsoft.Playwright;

namespace Serp.Bench.Desk;

/// <summary>
/// Debian's Chromium against the running app: how long after navigation the first order row of /orders is on screen,
/// for a list of links (filters and deep pages), as a support agent meets them. Timed inside the page from its
/// navigation start (what DevTools shows), so the driver's own round trips do not count; an init script notes the
/// first frame that holds a row and whether rows vanish again later (the grid emptying when the circuit attaches).
/// </summary>
public sealed class BrowserProbe(Uri app) : IAsyncDisposable
{
    private IPlaywright? playwright;
    private IBrowser? browser;
    private IBrowserContext? context;

    /// <summary>A rendered order row of the /orders grid.</summary>
    public const string RowSelector = "[data-testid=orders-grid] tbody tr.mud-table-row";

    // Runs before the page's own scripts. A row parsed from the prerendered HTML or rendered by the circuit triggers the
    // observer; the frame after it is when it can be painted, and nothing is painted before the first contentful paint.
    // If the rows vanish (the grid emptied while the circuit reads them again), the time counts from when they return.
    private const string WatchRows = """
        (() => {
          const watch = window.__serpRows = { shown: null, frame: null, vanished: 0 };
          let present = false;
          new MutationObserver(() => {
            const now = document.querySelector('[data-testid=orders-grid] tbody tr.mud-table-row') !== null;
            if (now && !present) {
              const shown = watch.shown = performance.now();
              requestAnimationFrame(() => { if (watch.shown === shown) watch.frame = performance.now(); });
            }
            if (present && !now) watch.vanished++;
            present = now;
          }).observe(document, { childList: true, subtree: true });
        })();
        """;

    // Also where the time before the rows went: the server's first byte, the last byte of the HTML, the first paint.
    private const string ReadTimes = """
        () => {
          const paint = performance.getEntriesByName('first-contentful-paint')[0];
          const nav = performance.getEntriesByType('navigation')[0];
          const w = window.__serpRows;
          return [Math.max(w.frame ?? w.shown, paint ? paint.startTime : 0), performance.now(), w.vanished,
                  nav.responseStart, nav.responseEnd, paint ? paint.startTime : 0];
        }
        """;

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
        await context.AddInitScriptAsync(WatchRows);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/auth/dev-signin?role=Viewer&returnUrl=/orders");
        await page.Locator(RowSelector).First.WaitForAsync(new() { Timeout = 60_000 });
        await page.CloseAsync();
    }

    /// <summary>
    /// Opens <paramref name="path"/> in a new tab and waits until the page is fully live (circuit up, total counted).
    /// </summary>
    public async Task<BrowserLoad> OpenAsync(string path)
    {
        var page = await context!.NewPageAsync();
        try
        {
            await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit });
            await page.Locator(RowSelector).First.WaitForAsync(new() { Timeout = 30_000 });
            await page.Locator("[data-circuit=live]").WaitForAsync(new() { Timeout = 30_000 });
            await page.WaitForFunctionAsync("() => !document.querySelector('[data-testid=orders-total]')?.textContent.includes('Counting')",
                null, new() { Timeout = 30_000 });
            var times = await page.EvaluateAsync<double[]>(ReadTimes);
            return new BrowserLoad(times[0], times[1], (int)times[2], times[3], times[4], times[5]);
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

/// <summary>
/// One load of a link, in milliseconds from navigation start: the painted frame from which an order row stays on
/// screen, the live page, how often the rows disappeared after they had been shown, and on the way the server's first
/// byte, the HTML's last byte and the first contentful paint.
/// </summary>
public sealed record BrowserLoad(double FirstRow, double Live, int Vanished, double FirstByte, double HtmlEnd, double FirstPaint);
