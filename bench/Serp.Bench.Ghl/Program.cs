using System.Globalization;
using Serp.Admin.Tests.Fakes.Ghl;
using Serp.Bench;
using Serp.Bench.Ghl;
using Serp.Bench.Shared;

// GHL sync against the fake GHL with a higher limit (bench/RESULTS-ghl section of bench/RESULTS.md): a first sync of
// every customer, an unchanged one, and a fresh purchase behind a running bulk resync. Started by bench/ghl.sh, which
// owns PostgreSQL (a fresh, migrated database) and the app binary.
var options = GhlBenchOptions.Parse(args);
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(20));
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var ct = stop.Token;

await using var fake = await FakeGhlApi.StartAsync();
fake.BurstLimit = options.FakeLimit;
await using var data = new GhlBenchData(options.ConnectionString);
await data.SeedAsync(options.Customers, ct);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{options.Customers:N0} customers; fake GHL limit {options.FakeLimit} per 10 s; budget Ghl:RequestsPer10Seconds={options.Budget}; " +
    $"Ghl:Sync:Workers={options.Workers}; {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));

var settings = new Dictionary<string, string?>(fake.Settings())
{
    ["Ghl:RequestsPer10Seconds"] = options.Budget.ToString(CultureInfo.InvariantCulture),
    ["Ghl:Sync:Workers"] = options.Workers.ToString(CultureInfo.InvariantCulture),
    ["Ghl:Sync:PollInterval"] = "00:00:00.200",
};
await using var app = AppProcess.Start(options.AppDll, options.Port, options.ConnectionString, settings, "ghl-app.log");
await app.WaitReadyAsync(ct);
var report = new GhlBenchReport(options.Budget);
// Where the CPU goes: on two cores the app, PostgreSQL and the fake (in this process) share them, so a rate under the
// budget with the cores busy is the machine's ceiling, and with the cores idle it is the sender's.
var cpu = new CpuMeter(app.Id, options.PostgresPid);

// 1. First sync: an operator's "Resync everyone" over customers GHL has never seen.
var cpuStart = cpu.Sample();
var first = await data.RunPhaseAsync(fake, () => data.BumpEveryoneAsync("bench@serp.example", ct), options.Customers, ct);
var used = cpu.Sample() - cpuStart;
report.Phase("first sync (Resync everyone, new contacts)", first, options.Customers);
GhlBenchReport.WriteCsv("artifacts/bench/ghl-first-sync-requests.csv", first);
report.Cpu("first sync", first, used.App, used.Postgres, used.Bench);

// 2. Unchanged: every customer bumped the way the ledger does (no operator, so no forced push); the hash matches.
cpuStart = cpu.Sample();
var unchanged = await data.RunPhaseAsync(fake, () => data.BumpEachAsLedgerAsync(ct), options.Customers, ct);
used = cpu.Sample() - cpuStart;
report.Phase("unchanged (ledger bumps, same desired state)", unchanged, options.Customers);
report.Cpu("unchanged", unchanged, used.App, used.Postgres, used.Bench);

// 3. Five fresh purchases, 2 s apart (so they meet the bulk at different points of its 10 s rhythm), while an
// operator's bulk resync (forced push of everyone) is running.
var fresh = await data.FreshBehindBulkAsync(fake, TimeSpan.FromSeconds(options.FreshAfterSeconds), TimeSpan.FromSeconds(2), 5, ct);
report.Fresh(fresh);

Console.WriteLine();
Console.WriteLine(report.Markdown());
return report.AllGoalsMet ? 0 : 2;
