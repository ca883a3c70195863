using System.Globalization;
using System.Text;

namespace Serp.Bench;

/// <summary>One round: the bare and app ingest phases, then the processing of the app's events.</summary>
internal sealed record RoundResult(PhaseResult Bare, PhaseResult App, ProcessingResult Processing, long Backlog, TimeSpan Drained);

/// <summary>Prints progress lines, then the tables, the app/bare ratio and the verdict on each goal (markdown).</summary>
internal sealed class Report(BenchOptions options)
{
    private const double IngestGoal = 1_000;
    private const double RatioGoal = 0.5;
    private const double P99GoalMs = 50;

    private readonly List<RoundResult> rounds = [];
    private readonly List<string> cpuRows = [];
    private PhaseResult? fixedRate;
    private ProcessingResult? fixedRateProcessing;

    public void Round(RoundResult round) => rounds.Add(round);

    public void Cpu(string name, double seconds, long events, CpuSample used)
    {
        var perEvent = events > 0 ? (used.App + used.Postgres).TotalMilliseconds / events : double.NaN;
        cpuRows.Add(Invariant($"| {name} | {seconds:F1} | {events:N0} | {used.App.TotalSeconds:F1} | {used.Postgres.TotalSeconds:F1} | {used.Bench.TotalSeconds:F1} | {(used.App + used.Postgres + used.Bench).TotalSeconds / seconds:F2} | {perEvent:F2} |"));
    }

    public void FixedRate(PhaseResult result, ProcessingResult processing) => (fixedRate, fixedRateProcessing) = (result, processing);

    /// <summary>Prints everything; true when every event sent became an order and nothing is left or failed.</summary>
    public bool Final(InboxCounts counts, long sentToApp)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(Invariant($"### Ingest, closed loop ({options.Concurrency} senders, {options.Count:N0} unique events per phase)"));
        text.AppendLine();
        text.AppendLine("| phase | requests | seconds | req/s | p50 ms | p99 ms | max ms | errors |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var round in rounds)
        {
            text.AppendLine(Row(round.Bare));
            text.AppendLine(Row(round.App));
        }
        var bareRate = PhaseResult.Rate(rounds.Select(r => r.Bare));
        var appRate = PhaseResult.Rate(rounds.Select(r => r.App));
        var ratio = appRate / bareRate;
        text.AppendLine();
        text.AppendLine(Invariant($"All rounds: bare {bareRate:N0} req/s, app {appRate:N0} req/s, **ratio app/bare {ratio:P0}** ") +
                        "(" + string.Join(", ", rounds.Select((r, i) => Invariant($"round {i + 1}: {r.App.PerSecond / r.Bare.PerSecond:P0}"))) + ").");

        text.AppendLine();
        text.AppendLine(Invariant($"### Fixed rate, open loop ({options.Rate}/s for {options.RateSeconds} s, latency from the scheduled send time)"));
        text.AppendLine();
        text.AppendLine("| phase | requests | seconds | req/s | p50 ms | p99 ms | max ms | errors |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        if (fixedRate is not null) text.AppendLine(Row(fixedRate));

        text.AppendLine();
        text.AppendLine("### Processing into orders");
        text.AppendLine();
        text.AppendLine("| events of | events | processed | first received → last processed, s | processed/s | backlog when sending stopped | drain after sending, s |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (_, _, processing, backlog, drained) in rounds)
        {
            text.AppendLine(Invariant($"| {processing.Name} | {processing.Events:N0} | {processing.Processed:N0} | {processing.Seconds:F1} | {processing.PerSecond:N0} | {backlog:N0} | {drained.TotalSeconds:F1} |"));
        }
        if (fixedRateProcessing is { } p)
        {
            text.AppendLine(Invariant($"| {p.Name} | {p.Events:N0} | {p.Processed:N0} | {p.Seconds:F1} | {p.PerSecond:N0} | – | – |"));
        }
        text.AppendLine();
        text.AppendLine(Invariant($"Unique events sent to the app: {sentToApp:N0}. Inbox: {counts.Events:N0} stored, {counts.Processed:N0} processed, {counts.Received:N0} still to do, {counts.Failed:N0} failed, {counts.Ignored:N0} ignored. Orders: {counts.Orders:N0}."));

        text.AppendLine();
        text.AppendLine("### Where the CPU goes (from /proc: user + system time; the bench process hosts the bare endpoint and the load generator)");
        text.AppendLine();
        text.AppendLine("| phase | wall s | events | app CPU s | PostgreSQL CPU s | bench CPU s | cores busy | app + PostgreSQL CPU ms per event |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in cpuRows) text.AppendLine(row);

        var correct = counts.Orders == sentToApp && counts.Events == sentToApp && counts.Processed == sentToApp;
        var p99 = fixedRate?.Percentile(0.99) ?? double.NaN;
        text.AppendLine();
        text.AppendLine("### Goals");
        text.AppendLine();
        text.AppendLine("| goal | measured | met |");
        text.AppendLine("| --- | --- | --- |");
        text.AppendLine(Invariant($"| ≥ {IngestGoal:N0} verified events/s | {appRate:N0}/s | {Yes(appRate >= IngestGoal)} |"));
        text.AppendLine(Invariant($"| ≥ {RatioGoal:P0} of the bare ceiling | {ratio:P0} | {Yes(ratio >= RatioGoal)} |"));
        text.AppendLine(Invariant($"| p99 ≤ {P99GoalMs} ms at {options.Rate}/s | {p99:F1} ms | {Yes(p99 <= P99GoalMs)} |"));
        text.AppendLine(Invariant($"| every event processed into an order | {counts.Orders:N0} orders for {sentToApp:N0} events | {Yes(correct)} |"));
        Console.Write(text.ToString());
        return correct;
    }

    private static string Row(PhaseResult r) =>
        Invariant($"| {r.Name} | {r.Requests:N0} | {r.Seconds:F2} | {r.PerSecond:N0} | {r.Percentile(0.50):F1} | {r.Percentile(0.99):F1} | {r.Max:F1} | {r.Errors:N0}{(r.FirstError is null ? "" : $" ({r.FirstError})")} |");

    private static string Yes(bool met) => met ? "yes" : "**no**";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
