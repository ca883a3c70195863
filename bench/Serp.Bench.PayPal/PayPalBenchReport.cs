using System.Globalization;
using System.Text;
using Serp.Bench;

namespace Serp.Bench.PayPal;

/// <summary>The tables (markdown): ingest per door and round with the PayPal/Stripe ratio, CPU, processing, the slow-verification phase, and the checks.</summary>
internal sealed class PayPalBenchReport(PayPalBenchOptions options)
{
    private readonly List<(bool PayPal, PhaseResult Ingest, CpuSample Cpu, ProcessingResult Processing)> rounds = [];
    private string? slowRow;
    private bool slowMet;

    public void Round(bool paypal, PhaseResult ingest, CpuSample cpu, ProcessingResult processing) => rounds.Add((paypal, ingest, cpu, processing));

    public void Slow(PhaseResult slow, (int Connections, int Busy) before, (int MaxConnections, int MaxBusy, int Samples) during)
    {
        // Deliveries inside the door at once, on average: rate × mean time in the door (Little's law).
        var inDoor = slow.LatenciesMs.Length == 0 ? 0 : slow.LatenciesMs.Average() / 1000 * options.SlowRate;
        slowRow = Invariant($"| {options.SlowVerifyMs} ms | {options.SlowRate}/s | {slow.Requests:N0} | {slow.Percentile(0.50):F1} | {slow.Percentile(0.99):F1} | {slow.Errors:N0} | {inDoor:F0} | {before.Connections} | {during.MaxConnections} | {during.MaxBusy} | {during.Samples:N0} |");
        // A door that held a connection across the verification would need one per delivery in the door: the pool
        // would grow towards that number. Stores after verification are short, so the pool stays far below it.
        slowMet = slow.Errors == 0 && during.MaxConnections < inDoor / 2;
    }

    public bool Final(InboxCounts counts, Sent sent, long stripeOrders, long paypalOrders, (int Success, int Failure) verifications, int tokens)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(Invariant($"### Verified deliveries, closed loop ({options.Concurrency} senders, {options.Count:N0} deliveries per door and round)"));
        text.AppendLine();
        text.AppendLine("| phase | requests | seconds | req/s | p50 ms | p99 ms | max ms | errors | app + PostgreSQL CPU ms per delivery | bench CPU ms per delivery (load + fake PayPal) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (_, ingest, cpu, _) in rounds)
        {
            text.AppendLine(Invariant($"| {ingest.Name} | {ingest.Requests:N0} | {ingest.Seconds:F2} | {ingest.PerSecond:N0} | {ingest.Percentile(0.50):F1} | {ingest.Percentile(0.99):F1} | {ingest.Max:F1} | {ingest.Errors:N0}{(ingest.FirstError is null ? "" : $" ({ingest.FirstError})")} | {(cpu.App + cpu.Postgres).TotalMilliseconds / ingest.Requests:F2} | {cpu.Bench.TotalMilliseconds / ingest.Requests:F2} |"));
        }
        var stripeRate = PhaseResult.Rate(rounds.Where(r => !r.PayPal).Select(r => r.Ingest));
        var paypalRate = PhaseResult.Rate(rounds.Where(r => r.PayPal).Select(r => r.Ingest));
        text.AppendLine();
        text.AppendLine(Invariant($"All rounds: Stripe {stripeRate:N0} verified deliveries/s, PayPal {paypalRate:N0}/s: **PayPal/Stripe {paypalRate / stripeRate:P0}**."));

        text.AppendLine();
        text.AppendLine("### Processing into orders (after each phase)");
        text.AppendLine();
        text.AppendLine("| events of | events | processed | first received → last processed, s | processed/s |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (_, _, _, p) in rounds) text.AppendLine(Invariant($"| {p.Name} | {p.Events:N0} | {p.Processed:N0} | {p.Seconds:F1} | {p.PerSecond:N0} |"));

        text.AppendLine();
        text.AppendLine("### Slow verification: does a delivery waiting for PayPal hold a database connection?");
        text.AppendLine();
        text.AppendLine("| verification takes | rate | deliveries | p50 ms | p99 ms | errors | deliveries in the door at once (mean, rate × time in the door) | app connections before | app connections during (max) | busy connections during (max) | samples |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        if (slowRow is not null) text.AppendLine(slowRow);

        var failed = counts.Failed;
        var correct = stripeOrders == sent.Stripe && paypalOrders == sent.PayPalPurchases && counts.Received == 0 && failed == 0;
        text.AppendLine();
        text.AppendLine("### Checks");
        text.AppendLine();
        text.AppendLine("| check | measured | met |");
        text.AppendLine("| --- | --- | --- |");
        text.AppendLine(Invariant($"| every PayPal delivery verified by the PayPal API | {verifications.Success:N0} SUCCESS, {verifications.Failure:N0} FAILURE for {sent.PayPal:N0} deliveries | {Yes(verifications.Success == sent.PayPal && verifications.Failure == 0)} |"));
        text.AppendLine(Invariant($"| token cached | {tokens} token(s) issued | {Yes(tokens == 1)} |"));
        text.AppendLine(Invariant($"| verification holds no database connection | the app's connections stay under half the deliveries waiting for PayPal | {Yes(slowMet)} |"));
        text.AppendLine(Invariant($"| every delivery processed, each purchase a paid order | Stripe {stripeOrders:N0} of {sent.Stripe:N0}; PayPal {paypalOrders:N0} of {sent.PayPalPurchases:N0} (with payer email and capture id); inbox {counts.Received:N0} to do, {failed:N0} failed | {Yes(correct)} |"));
        Console.Write(text.ToString());
        return correct && slowMet && tokens == 1 && verifications.Success == sent.PayPal && verifications.Failure == 0;
    }

    private static string Yes(bool met) => met ? "yes" : "**no**";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
