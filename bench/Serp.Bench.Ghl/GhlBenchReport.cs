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
        var share = WholeWindowShare(requests);
        var span = requests.Count > 1 ? requests[^1].At - requests[0].At : TimeSpan.Zero;
        Line(name, phase, requests.Count, limited, perCustomer, busiest, share, span);

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
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"Fresh purchase during a bulk resync (forced push of everyone): synced {fresh.Waited.TotalSeconds:F2} s after its bump, " +
            $"with {fresh.BulkWaitingBefore:N0} bulk customers still waiting when it came in and {fresh.BulkWaitingAfter:N0} when it was done; " +
            $"{fresh.Requests} request(s) named it."));
    }

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| phase | customers synced | failed | requests | 429s | requests / customer | busiest 10 s window | budget used in whole windows | first to last request | wall time |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        text.Append(table);
        text.AppendLine();
        text.AppendLine("| phase | wall s | requests | app CPU s | PostgreSQL CPU s | bench CPU s (fake GHL, polling) | cores busy (of " +
                        Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) + ") | app + PostgreSQL CPU ms per request |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        text.Append(cpu);
        text.AppendLine();
        foreach (var note in notes) text.AppendLine("- " + note);
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"- Goals: first sync ≤ 4 requests per customer and ≥ 95 % of the budget ({budget} per 10 s) in whole windows; unchanged 0; zero 429s. {(AllGoalsMet ? "All met." : "NOT all met.")}"));
        return text.ToString();
    }

    private void Line(string name, PhaseResult phase, int count, int limited, double perCustomer, int busiest, double? share, TimeSpan span) =>
        table.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {phase.Succeeded:N0} | {phase.Failed:N0} | {count:N0} | {limited} | {perCustomer:F2} | {busiest} of {budget} | " +
            $"{(share is { } s ? $"{s:P1}" : "n/a (under 10 s)")} | {span.TotalSeconds:F1} s | {phase.Elapsed.TotalSeconds:F1} s |"));

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
    /// Requests in the whole 10 s windows from the first request, over what the budget allows in them: the last,
    /// partial window would flatter a burst-shaped sender, so it is left out.
    /// </summary>
    private double? WholeWindowShare(List<FakeGhlRequest> requests)
    {
        if (requests.Count < 2) return null;
        var windows = (int)Math.Floor((requests[^1].At - requests[0].At) / Window);
        if (windows == 0) return null;
        var end = requests[0].At + windows * Window;
        return (double)requests.Count(r => r.At < end) / (windows * budget);
    }
}
