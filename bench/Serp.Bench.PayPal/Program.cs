using System.Globalization;
using Npgsql;
using Serp.Admin.Tests.Fakes.PayPal;
using Serp.Bench;
using Serp.Bench.PayPal;
using Serp.Bench.Shared;

// Verified PayPal deliveries per second (the fake PayPal's verify-webhook-signature call included, its token cached)
// beside Stripe's in the same run and the same app; then whether a slow verification holds database connections.
// Started by bench/paypal.sh, which owns PostgreSQL (a fresh, migrated database) and builds the app; see bench/RESULTS.md.
const string AppName = "serp-bench-app";
var options = PayPalBenchOptions.Parse(args);
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(30));
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var ct = stop.Token;

await using var fake = await FakePayPalApi.StartAsync();
await using var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
var secret = "whsec_bench_" + Guid.NewGuid().ToString("N");
var settings = new Dictionary<string, string?>(fake.Settings())
{
    ["Stripe:WebhookSecret"] = secret,
    ["Webhooks:RateLimit:SignedPerSecond"] = "1000000",
};
await using var app = AppProcess.Start(options.AppDll, options.Port, $"{options.ConnectionString};Application Name={AppName}", settings, "paypal-app.log");
await app.WaitReadyAsync(ct);

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
var load = new LoadGenerator(http);
var runId = "b" + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
var stripe = new StripePayloads(runId, secret);
var paypal = new PayPalPayloads(runId.ToUpperInvariant(), fake);
var probe = new InboxProbe(dataSource);
var cpu = new CpuMeter(app.Id, options.PostgresPid);
var backends = new BackendSampler(dataSource, AppName);
var report = new PayPalBenchReport(options);
var stripeUrl = new Uri($"http://127.0.0.1:{options.Port.ToString(CultureInfo.InvariantCulture)}/webhooks/stripe");
var paypalUrl = new Uri($"http://127.0.0.1:{options.Port.ToString(CultureInfo.InvariantCulture)}/webhooks/paypal");
var sent = new Sent();

Progress.Line($"run {runId}: {Environment.ProcessorCount} cores, load average {Progress.LoadAverage()}, fake PayPal {fake.BaseUrl}");

// 1. On the fresh app, before any burst has grown its connection pool: PayPal's verification made slow, deliveries at a
// fixed rate. Tens of deliveries wait for PayPal at any moment; the app's connections should not follow them.
var jit = paypal.Build("j", 200);
sent.Add(await load.ClosedLoopAsync("PayPal, JIT warm-up", paypalUrl, paypal.Sign(jit), 4, options.PhaseLimit, ct), paypal: true);
await probe.WaitUntilProcessedAsync(options.ProcessLimit, ct);
var before = await backends.SampleAsync(ct);
fake.VerifyLatency = TimeSpan.FromMilliseconds(options.SlowVerifyMs);
var slowBodies = paypal.Build("s", options.SlowRate * options.SlowSeconds);
Progress.Line($"slow verification: {options.SlowVerifyMs} ms per verify, {options.SlowRate}/s for {options.SlowSeconds} s");
// Its own client with no connection cap: a delivery queued in the bench would not be in the app's door.
using var slowHandler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
using var slowHttp = new HttpClient(slowHandler) { Timeout = TimeSpan.FromSeconds(30) };
var slowPhase = new LoadGenerator(slowHttp).OpenLoopAsync($"PayPal at {options.SlowRate}/s, verification {options.SlowVerifyMs} ms", paypalUrl, paypal.Sign(slowBodies),
    options.SlowRate, options.PhaseLimit, ct);
var during = await backends.WhileAsync(slowPhase, ct);
var slow = await slowPhase;
sent.Add(slow, paypal: true);
fake.VerifyLatency = TimeSpan.Zero;
report.Slow(slow, before, during);
await probe.WaitUntilProcessedAsync(options.ProcessLimit, ct);

// 2. Warm-up of both doors, then rounds of the same number of deliveries to each, closed loop.
Progress.Line($"warm-up: {options.Warmup:N0} deliveries to each door");
sent.Add(await load.ClosedLoopAsync("warm-up Stripe", stripeUrl, stripe.Sign(stripe.Build("w", options.Warmup)), options.Concurrency, options.PhaseLimit, ct), paypal: false);
sent.Add(await load.ClosedLoopAsync("warm-up PayPal", paypalUrl, paypal.Sign(paypal.Build("w", options.Warmup)), options.Concurrency, options.PhaseLimit, ct), paypal: true);
await probe.WaitUntilProcessedAsync(options.ProcessLimit, ct);

for (var round = 1; round <= options.Rounds; round++)
{
    foreach (var isPayPal in new[] { false, true })
    {
        var name = $"{(isPayPal ? "PayPal" : "Stripe")}, round {round}";
        var phase = $"r{round}";
        var deliveries = isPayPal ? paypal.Sign(paypal.Build(phase, options.Count)) : stripe.Sign(stripe.Build(phase, options.Count));
        Progress.Line(name);
        var cpuStart = cpu.Sample();
        var ingest = await load.ClosedLoopAsync(name, isPayPal ? paypalUrl : stripeUrl, deliveries, options.Concurrency, options.PhaseLimit, ct);
        var cpuIngest = cpu.Sample();
        sent.Add(ingest, isPayPal);
        await probe.WaitUntilProcessedAsync(options.ProcessLimit, ct);
        var processing = await probe.ProcessingAsync(name, isPayPal ? paypal.Prefix(phase) : $"evt_{runId}{phase}", ct);
        report.Round(isPayPal, ingest, cpuIngest - cpuStart, processing);
    }
}

var (counts, _) = await probe.WaitUntilProcessedAsync(options.ProcessLimit, ct);
await using var orders = dataSource.CreateCommand("""
    SELECT count(*) FILTER (WHERE source = 'stripe' AND payment_status = 'paid'),
           count(*) FILTER (WHERE source = 'paypal' AND payment_status = 'paid' AND customer_email LIKE 'payer.%' AND paypal_capture_id IS NOT NULL)
    FROM orders
    """);
await using var reader = await orders.ExecuteReaderAsync(ct);
await reader.ReadAsync(ct);
var correct = report.Final(counts, sent, reader.GetInt64(0), reader.GetInt64(1), fake.Verifications, fake.TokensIssued);
return correct ? 0 : 2;

/// <summary>Deliveries answered 2xx per door, and the PayPal purchases sent whole (approval and capture: a paid order each).</summary>
internal sealed class Sent
{
    public long Stripe { get; private set; }
    public long PayPal { get; private set; }
    public long PayPalPurchases { get; private set; }

    public void Add(PhaseResult phase, bool paypal)
    {
        var answered = phase.Requests - phase.Errors;
        if (!paypal)
        {
            Stripe += answered;
            return;
        }
        PayPal += answered;
        PayPalPurchases += phase.Requests / 2; // a trailing approval without its capture makes no order
    }
}
