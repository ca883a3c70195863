using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Serp.Admin.Features.Analytics;
using Serp.Bench.Analytics;
using Serp.Domain.Analytics;
using Serp.Domain.Data;

// One load of /analytics (every query behind it, the Customers section's too) from the rollups, beside the same
// queries answered by plain GROUP BYs over the base tables (views named like the rollups in a schema first on the
// search path), with equal results; then the write path with and without the rollup triggers. Started by bench/analytics.sh, which owns PostgreSQL and data.
var cs = Arg("--pg") ?? throw new ArgumentException("--pg CONNECTION_STRING is required");
var calls = int.Parse(Arg("--calls") ?? "40", CultureInfo.InvariantCulture);
var directCalls = int.Parse(Arg("--direct-calls") ?? "3", CultureInfo.InvariantCulture);
var purchases = int.Parse(Arg("--purchases") ?? "3000", CultureInfo.InvariantCulture);
var ct = CancellationToken.None;

await using var rollupSource = SerpDatabase.CreateDataSource(cs);
await using (var setup = rollupSource.CreateCommand(DirectViews()))
{
    await setup.ExecuteNonQueryAsync(ct);
}
await using var directSource = SerpDatabase.CreateDataSource(cs + ";Search Path=bench_direct,public;Command Timeout=600");
var rollup = new PageLoad(new AnalyticsDatabase(rollupSource));
// The same load on one connection: its statements then run one after another, as before they ran at once (ADR 29).
await using var serialSource = SerpDatabase.CreateDataSource(cs + ";Maximum Pool Size=1");
var serial = new PageLoad(new AnalyticsDatabase(serialSource));
var direct = new PageLoad(new AnalyticsDatabase(directSource));

long orders;
await using (var count = rollupSource.CreateCommand("SELECT count(*) FROM orders"))
{
    orders = (long)(await count.ExecuteScalarAsync(ct))!;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{orders:N0} orders; {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
Console.WriteLine();
Console.WriteLine("| page load (all queries) | rollups p50 / p95 / max ms | one connection p50 / p95 ms | of which customers p50 ms | direct GROUP BY p50 / max ms | speed-up (p50) | equal |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
var today = DateOnly.FromDateTime(DateTime.UtcNow);
var cases = new (string Name, AnalyticsFilter Filter)[]
{
    ("12 months by month, usd, compare", new AnalyticsFilter { From = today.AddDays(-364), To = today.AddDays(1), Granularity = Granularity.Month, Currency = "usd" }),
    ("12 months by week, eur, stripe", new AnalyticsFilter { From = today.AddDays(-364), To = today.AddDays(1), Granularity = Granularity.Week, Currency = "eur", Source = "stripe" }),
    ("30 days by day, usd, compare", AnalyticsFilter.LastDays(today, 30) with { Currency = "usd" }),
};
var allMet = true;
foreach (var (name, filter) in cases)
{
    var fast = await Timing.MeasureAsync(() => rollup.LoadAsync(filter, ct), calls, warmup: 3);
    var oneConnection = await Timing.MeasureAsync(() => serial.LoadAsync(filter, ct), calls, warmup: 1);
    var customers = await Timing.MeasureAsync(() => rollup.Customers.LoadAsync(filter, fast.Last.View.Currency, ct), calls, warmup: 1);
    if (directCalls == 0)
    {
        // A quick look at the rollups alone (--direct-calls 0): no comparison, so no goal judged.
        allMet = false;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {fast.P50:F1} / {fast.P95:F1} / {fast.Max:F1} | {oneConnection.P50:F1} / {oneConnection.P95:F1} | {customers.P50:F1} | — | — | — |"));
        continue;
    }
    var slow = await Timing.MeasureAsync(() => direct.LoadAsync(filter, ct), directCalls, warmup: 0);
    var equal = PageLoad.Json(fast.Last) == PageLoad.Json(slow.Last) && PageLoad.Json(fast.Last) == PageLoad.Json(oneConnection.Last);
    var speedup = slow.P50 / fast.P50;
    allMet &= equal && fast.P95 <= 100 && speedup >= 20;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {fast.P50:F1} / {fast.P95:F1} / {fast.Max:F1} | {oneConnection.P50:F1} / {oneConnection.P95:F1} | {customers.P50:F1} | {slow.P50:F0} / {slow.Max:F0} | {speedup:F0}× | {(equal ? "yes" : "NO")} |"));
}

// --purchases 0: the page loads only (a quick look while changing the queries; no rebuild either).
if (purchases > 0)
{
    Console.WriteLine();
    Console.WriteLine("| write path (purchase ledger, 4 writers) | facts/s with rollup triggers | facts/s without | cost |");
    Console.WriteLine("| --- | --- | --- | --- |");
    var with = await WritePath.RunAsync(rollupSource, purchases, triggers: true, ct);
    var without = await WritePath.RunAsync(rollupSource, purchases, triggers: false, ct);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {purchases:N0} purchases × (checkout completed + refund) | {with:F0} | {without:F0} | {(1 - with / without) * 100:F0} % slower |"));
    var rebuild = Stopwatch.StartNew();
    await AnalyticsRebuild.RunAsync(rollupSource, ct);
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Rebuild of every rollup from scratch: {rebuild.Elapsed.TotalSeconds:F1} s."));
}
Console.WriteLine(allMet ? "Goals met (p95 ≤ 100 ms, ≥ 20× faster, equal results)." : "Goals NOT all met (see the table).");
return allMet ? 0 : 2;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

// What a BI tool would run: each rollup's definition as a GROUP BY over the base tables, named like the rollup.
static string DirectViews() => "CREATE SCHEMA IF NOT EXISTS bench_direct;\n" + string.Join("\n",
    AnalyticsRollups.All.Select(r => $"CREATE OR REPLACE VIEW bench_direct.{r.Table} AS {r.Direct};"));
