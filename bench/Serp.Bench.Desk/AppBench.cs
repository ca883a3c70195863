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
        var (at, id) = await naive.CursorAtAsync(10_000L * OrdersBench.PageSize - 1, ct);
        var deep = $"{(at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10}.{id:N}";
        string[] paths =
        [
            "/orders", $"/orders?status={data.RareStatus}", "/orders?source=paypal", $"/orders?offer={data.Offer}",
            $"/orders?lander={data.Lander}", $"/orders?currency={data.Currency}", $"/orders?affiliate={data.Affiliate}",
            "/orders?sort=amount&dir=desc", $"/orders?after={deep}", "/orders?before=end",
        ];
        await using (var browser = new BrowserProbe(app))
        {
            await browser.StartAsync();
            var browserCalls = Math.Max(5, calls / 20);
            foreach (var path in paths)
            {
                report.Add(await Timing.MeasureAsync("Chromium: navigation to first order row", path, browserCalls, 1,
                    async (_, _) => { await browser.FirstRowsAsync(path); return 1; }, ct), goalP95: 500);
            }
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
