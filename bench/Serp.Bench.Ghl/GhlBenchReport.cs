using System.Globalization;
using System.Text;
using Serp.Admin.Tests.Fakes.Ghl;

namespace Serp.Bench.Ghl;

/// <summary>The numbers the issue asks for, from the fake's own request log (what GHL would have seen).</summary>
public sealed class GhlBenchReport(int budget)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private readonly StringBuilder table = new();
    private readonly List<string> notes = [];
    private readonly StringBuilder cpu = new();

    public bool AllGoalsMet { get; private set; } = true;

    public void Phase(string name, PhaseResult phase, int customers)
    {
        var requests = phase.Requests.OrderBy(r => r.At).ToList();
        var limited = requests.Count(r => r.Status == 429);
        var perCustomer = (double)requests.Count / customers;
        var busiest = Busiest(requests);
        var windows = WindowCounts(requests);
        var backlogWindows = requests.Count == 0 || phase.BacklogDry is not { } dry ? 0 : (int)Math.Floor((dry - requests[0].At) / Window);
        var share = Share(windows.Take(backlogWindows));
        var span = requests.Count > 1 ? requests[^1].At - requests[0].At : TimeSpan.Zero;
        Line(name, phase, requests.Count, limited, perCustomer, busiest, share, Share(windows), span);
        if (windows.Count > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{name}: requests per whole 10 s window from the first request: {string.Join(", ", windows)}; the backlog ran dry in window {backlogWindows + 1}."));
        }

        AllGoalsMet &= limited == 0 && busiest <= budget && phase.Failed == 0;
        if (name.StartsWith("first", StringComparison.Ordinal)) AllGoalsMet &= perCustomer <= 4 && share is null or >= 0.95;
        if (name.StartsWith("unchanged", StringComparison.Ordinal)) AllGoalsMet &= requests.Count == 0;
    }

    /// <summary>CPU time (user + system, from /proc) of the app, PostgreSQL and this process (the fake GHL and the polling) over a phase.</summary>
    public void Cpu(string name, PhaseResult phase, TimeSpan app, TimeSpan postgres, TimeSpan bench)
    {
        var seconds = phase.Elapsed.TotalSeconds;
        var requests = phase.Requests.Count;
        cpu.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {seconds:F1} | {requests:N0} | {app.TotalSeconds:F1} | {postgres.TotalSeconds:F1} | {bench.TotalSeconds:F1} | " +
            $"{(app + postgres + bench).TotalSeconds / seconds:F2} | {(requests == 0 ? "n/a" : ((app + postgres).TotalMilliseconds / requests).ToString("F1", CultureInfo.InvariantCulture))} |"));
    }

    public void Fresh(FreshResult fresh)
    {
        var waits = fresh.Waits.Select(w => w.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture));
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"{fresh.Waits.Count} fresh purchases during a bulk resync (forced push of everyone), 2 s apart: synced {string.Join(", ", waits)} s " +
            $"after their bumps (longest {fresh.Waits.Max().TotalSeconds:F2} s), with {fresh.BulkWaitingBefore:N0} bulk customers still waiting " +
            $"when the first came in and {fresh.BulkWaitingAfter:N0} when the last was done; {fresh.Requests} request(s) named them."));
    }

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| phase | customers synced | failed | requests | 429s | requests / customer | busiest 10 s window | budget used while customers waited | budget used in all whole windows | first to last request | wall time |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        text.Append(table);
        text.AppendLine();
        text.AppendLine("| phase | wall s | requests | app CPU s | PostgreSQL CPU s | bench CPU s (fake GHL, polling) | cores busy (of " +
                        Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) + ") | app + PostgreSQL CPU ms per request |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        text.Append(cpu);
        text.AppendLine();
        foreach (var note in notes) text.AppendLine("- " + note);
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"- Goals: first sync ≤ 4 requests per customer and ≥ 95 % of the budget ({budget} per 10 s) in the whole windows while customers waited; unchanged 0; zero 429s. {(AllGoalsMet ? "All met." : "NOT all met.")}"));
        return text.ToString();
    }

    private void Line(string name, PhaseResult phase, int count, int limited, double perCustomer, int busiest, double? share, double? allWindows, TimeSpan span) =>
        table.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {phase.Succeeded:N0} | {phase.Failed:N0} | {count:N0} | {limited} | {perCustomer:F2} | {busiest} of {budget} | " +
            $"{Percent(share)} | {Percent(allWindows)} | {span.TotalSeconds:F1} s | {phase.Elapsed.TotalSeconds:F1} s |"));

    private static string Percent(double? share) => share is { } s ? s.ToString("P1", CultureInfo.InvariantCulture) : "n/a (under 10 s)";

    /// <summary>Most requests the fake received in any rolling 10 s.</summary>
    private static int Busiest(List<FakeGhlRequest> requests)
    {
        var most = 0;
        for (int start = 0, end = 0; end < requests.Count; end++)
        {
            while (requests[end].At - requests[start].At >= Window) start++;
            most = Math.Max(most, end - start + 1);
        }
        return most;
    }

    /// <summary>
    /// Requests in the given whole 10 s windows (from the first request) over what the budget allows in them. Whole
    /// windows only: a partial one would flatter a burst-shaped sender. The goal is judged on the windows that ended
    /// before the backlog ran dry: after that the last customers' requests trickle out (each customer's requests go one
    /// after the other), however much budget is left, so those windows measure the size of the run, not the sender.
    /// </summary>
    private double? Share(IEnumerable<int> windows)
    {
        var counted = windows.ToList();
        return counted.Count == 0 ? null : (double)counted.Sum() / (counted.Count * budget);
    }

    /// <summary>Requests in each whole 10 s window from the first request (the last, partial window left out).</summary>
    private static List<int> WindowCounts(List<FakeGhlRequest> requests)
    {
        if (requests.Count < 2) return [];
        var whole = (int)Math.Floor((requests[^1].At - requests[0].At) / Window);
        var counts = new int[whole];
        foreach (var request in requests)
        {
            var window = (int)Math.Floor((request.At - requests[0].At) / Window);
            if (window < whole) counts[window]++;
        }
        return [.. counts];
    }

    /// <summary>The phase's requests as CSV (milliseconds from the first, method, path, status) for a closer look.</summary>
    public static void WriteCsv(string path, PhaseResult phase)
    {
        var requests = phase.Requests.OrderBy(r => r.At).ToList();
        if (requests.Count == 0) return;
        using var csv = new StreamWriter(path);
        csv.WriteLine("ms,method,path,status");
        foreach (var r in requests)
        {
            csv.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(r.At - requests[0].At).TotalMilliseconds:F1},{r.Method},{r.Path},{r.Status}"));
        }
    }
}
