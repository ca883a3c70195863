using System.Diagnostics;

namespace Serp.Bench.Analytics;

internal sealed record Measured<T>(double P50, double P95, double Max, T Last);

internal static class Timing
{
    public static async Task<Measured<T>> MeasureAsync<T>(Func<Task<T>> call, int calls, int warmup)
    {
        for (var i = 0; i < warmup; i++) await call();
        var times = new List<double>();
        T last = default!;
        for (var i = 0; i < calls; i++)
        {
            var watch = Stopwatch.StartNew();
            last = await call();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return new Measured<T>(Percentile(times, 0.50), Percentile(times, 0.95), times[^1], last);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
