using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Serp.Bench;

// Stripe webhook ingest against a bare one-INSERT endpoint, then latency at a fixed rate, then processing into
// orders. Started by bench/run.sh, which owns PostgreSQL and the app; see bench/RESULTS.md.
var options = BenchOptions.Parse(args);
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(30));
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var ct = stop.Token;

await using var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
await BareEndpoint.CreateTableAsync(dataSource, ct);
var (bare, bareUrl) = await BareEndpoint.StartAsync(dataSource, ct);
await using var bareHost = bare;
var appUrl = new Uri(options.App, "/webhooks/stripe");

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
var load = new LoadGenerator(http);
var runId = "bench" + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
var payloads = new StripePayloads(runId, options.Secret);
var probe = new InboxProbe(dataSource);
var cpu = new CpuMeter(options.AppPid, options.PostgresPid);
var report = new Report(options);
long sentToApp = 0;

Progress.Line($"run {runId}: {Environment.ProcessorCount} cores, load average {Progress.LoadAverage()}, .NET {Environment.Version}");
Progress.Line($"app {appUrl}, bare {bareUrl}, {options.Concurrency} senders, {options.Count:N0} events per phase, {options.Rounds} round(s)");

var warmup = payloads.Build("w", options.Warmup);
Progress.Line($"warm-up: {options.Warmup:N0} events to each target");
await load.ClosedLoopAsync("warm-up bare", bareUrl, payloads.Sign(warmup), options.Concurrency, options.PhaseLimit, ct);
var warmApp = await load.ClosedLoopAsync("warm-up app", appUrl, payloads.Sign(warmup), options.Concurrency, options.PhaseLimit, ct);
sentToApp += warmApp.Requests;
await probe.WaitUntilProcessedAsync(options.ProcessLimit, ct);

for (var round = 1; round <= options.Rounds; round++)
{
    var phase = $"c{round}";
    var bodies = payloads.Build(phase, options.Count);
    Progress.Line($"round {round}: bare");
    var cpuStart = cpu.Sample();
    var bareResult = await load.ClosedLoopAsync($"bare, round {round}", bareUrl, payloads.Sign(bodies), options.Concurrency, options.PhaseLimit, ct);
    var cpuBare = cpu.Sample();
    Progress.Line($"round {round}: app");
    var appResult = await load.ClosedLoopAsync($"app, round {round}", appUrl, payloads.Sign(bodies), options.Concurrency, options.PhaseLimit, ct);
    var cpuApp = cpu.Sample();
    sentToApp += appResult.Requests;
    var backlog = await probe.ToDoAsync(ct);
    var (_, drained) = await probe.WaitUntilProcessedAsync(options.ProcessLimit, ct);
    var cpuDrained = cpu.Sample();
    var processing = await probe.ProcessingAsync($"app, round {round}", $"evt_{runId}{phase}", ct);
    report.Round(new RoundResult(bareResult, appResult, processing, backlog, drained));
    report.Cpu($"bare ingest, round {round}", bareResult.Seconds, bareResult.Requests, cpuBare - cpuStart);
    report.Cpu($"app ingest (processing alongside), round {round}", appResult.Seconds, appResult.Requests, cpuApp - cpuBare);
    report.Cpu($"app processing only (the backlog), round {round}", drained.TotalSeconds, backlog, cpuDrained - cpuApp);
}

var rateBodies = payloads.Build("o", options.Rate * options.RateSeconds);
Progress.Line($"fixed rate: {options.Rate}/s for {options.RateSeconds} s");
var rateStart = Stopwatch.GetTimestamp();
var cpuRate = cpu.Sample();
var fixedRate = await load.OpenLoopAsync($"app at {options.Rate}/s", appUrl, payloads.Sign(rateBodies), options.Rate, options.PhaseLimit, ct);
sentToApp += fixedRate.Requests;
var (final, _) = await probe.WaitUntilProcessedAsync(options.ProcessLimit, ct);
report.Cpu($"app at {options.Rate}/s, until processed", Stopwatch.GetElapsedTime(rateStart).TotalSeconds, fixedRate.Requests, cpu.Sample() - cpuRate);
var rateProcessing = await probe.ProcessingAsync($"app at {options.Rate}/s", $"evt_{runId}o", ct);
report.FixedRate(fixedRate, rateProcessing);

var correct = report.Final(final, sentToApp);
await bare.StopAsync(CancellationToken.None);
return correct ? 0 : 2;
