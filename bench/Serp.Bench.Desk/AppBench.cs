using System.Globalization;

namespace Serp.Bench.Desk;

/// <summary>
/// Against the running app: first rows of /orders in Chromium for every single filter and deep pages, and the CSV
/// export's speed and the app's memory (a 180,000-row export beside the 1,000,000-row one: flat memory means the
/// peak does not grow with the rows).
/// </summary>
public static class AppBench
{
    public static async Task RunAsync(Uri app, int appPid, NaiveQueries naive, DeskData data, DeskReport report, int calls, CancellationToken ct)
    {
        // Page 10,000, or the middle of a smaller database.
        var (at, id) = await naive.CursorAtAsync(10_000L * OrdersBench.PageSize - 1, ct) ?? await naive.CursorAtAsync(data.Orders / 2, ct)
            ?? throw new InvalidOperationException("The database holds no orders");
        var deep = $"{(at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10}.{id:N}";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var lastWeek = string.Create(CultureInfo.InvariantCulture, $"from={today.AddDays(-6):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}");
        string[] paths =
        [
            "/orders", $"/orders?status={data.RareStatus}", "/orders?source=paypal", $"/orders?offer={data.Offer}",
            $"/orders?lander={data.Lander}", $"/orders?currency={data.Currency}", $"/orders?affiliate={data.Affiliate}",
            $"/orders?{lastWeek}", "/orders?amount_min=5000&amount_max=10000", "/orders?sort=amount&dir=desc", $"/orders?after={deep}", "/orders?before=end",
        ];
        await using (var browser = new BrowserProbe(app))
        {
            await browser.StartAsync();
            await ChromiumRounds.RunAsync(browser, paths, Math.Max(5, calls / 20), report, ct);
        }

        var export = new ExportProbe(app, appPid);
        foreach (var query in new[] { "?source=paypal", "" })
        {
            var result = await export.ExportAsync(query, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  export {(query.Length == 0 ? "(all)" : query)}: {result.Rows:N0} rows, {result.Bytes / 1048576.0:F0} MiB in {result.Seconds:F1} s = {result.Rows / result.Seconds:N0} rows/s; app RSS before {result.RssBeforeMb} MiB, peak so far {result.PeakMb} MiB"));
            report.Note(string.Create(CultureInfo.InvariantCulture,
                $"CSV export {(query.Length == 0 ? "of every order" : query)}: {result.Rows:N0} rows in {result.Seconds:F1} s ({result.Rows / result.Seconds:N0} rows/s, {result.Bytes / 1048576.0:F0} MiB); app resident memory {result.RssBeforeMb} MiB before, peak {result.PeakMb} MiB after (VmHWM)"));
        }
    }
}
