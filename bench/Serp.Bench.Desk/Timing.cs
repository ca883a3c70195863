using System.Diagnostics;

namespace Serp.Bench.Desk;

/// <summary>One measured case: wall time of each call as the app makes it (EF + PostgreSQL over loopback).</summary>
public sealed record Measurement(string Group, string Name, int Calls, double P50, double P95, double Max, long Rows, string? Note = null);

public static class Timing
{
    /// <summary>Runs <paramref name="call"/> <paramref name="warmup"/> times unmeasured, then <paramref name="calls"/> times.</summary>
    public static async Task<Measurement> MeasureAsync(string group, string name, int calls, int warmup,
        Func<int, CancellationToken, Task<long>> call, CancellationToken ct, string? note = null)
    {
        for (var i = 0; i < warmup; i++) await call(i, ct);
        var times = new double[calls];
        long rows = 0;
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            rows = await call(i, ct);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return Summarize(group, name, times, rows, note);
    }

    /// <summary>A case from times measured elsewhere (in the browser, by the page's own clock).</summary>
    public static Measurement Summarize(string group, string name, double[] times, long rows, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(times);
        Array.Sort(times);
        return new Measurement(group, name, times.Length, Percentile(times, 0.50), Percentile(times, 0.95), times[^1], rows, note);
    }

    private static double Percentile(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
