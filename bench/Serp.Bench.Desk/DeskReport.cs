using System.Globalization;
using System.Text;

namespace Serp.Bench.Desk;

/// <summary>Prints the results as a Markdown table, each case beside the naive way measured in the same run.</summary>
public sealed class DeskReport
{
    private readonly List<(Measurement Case, Measurement? Naive, double? Goal)> rows = [];

    public void Add(Measurement measured, Measurement? naive = null, double? goalP95 = null)
    {
        rows.Add((measured, naive, goalP95));
        Console.WriteLine(FormattableString.Invariant(
            $"  {measured.Group} / {measured.Name}: p50 {measured.P50:F2} ms, p95 {measured.P95:F2} ms{(naive is null ? "" : $" (naive p95 {naive.P95:F2} ms)")}"));
    }

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine("| group | case | calls | p50 ms | p95 ms | max ms | rows | naive p95 ms | naive / ours | goal p95 | met |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (c, naive, goal) in rows)
        {
            var ratio = naive is null ? "" : F(naive.P95 / Math.Max(c.P95, 0.001), "F1") + "×";
            var met = goal is null ? "" : c.P95 <= goal ? "yes" : "**no**";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Group} | {c.Name}{(c.Note is null ? "" : $" ({c.Note})")} | {c.Calls} | {F(c.P50)} | {F(c.P95)} | {F(c.Max)} | {c.Rows:N0} | {(naive is null ? "" : F(naive.P95))} | {ratio} | {(goal is null ? "" : F(goal.Value, "F0"))} | {met} |");
        }
        return text.ToString();
    }

    private readonly List<string> notes = [];

    public void Note(string line) => notes.Add(line);

    public string Notes() => string.Join(Environment.NewLine, notes.Select(n => "- " + n));

    public bool AllGoalsMet => rows.All(r => r.Goal is null || r.Case.P95 <= r.Goal);

    private static string F(double value, string format = "F2") => value.ToString(format, CultureInfo.InvariantCulture);
}
