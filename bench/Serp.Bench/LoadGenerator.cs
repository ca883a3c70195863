using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace Serp.Bench;

/// <summary>What one load phase measured: requests sent, wall time, latencies (ms, sorted) of those answered.</summary>
internal sealed record PhaseResult(string Name, int Requests, double Seconds, double[] LatenciesMs, int Errors, string? FirstError)
{
    public double PerSecond => Requests / Seconds;
    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0) return double.NaN;
        var index = (int)Math.Ceiling(p * LatenciesMs.Length) - 1;
        return LatenciesMs[Math.Clamp(index, 0, LatenciesMs.Length - 1)];
    }
    public double Max => LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[^1];

    /// <summary>Requests per second over several phases together (their requests over their summed wall time).</summary>
    public static double Rate(IEnumerable<PhaseResult> phases)
    {
        var list = phases.ToList();
        return list.Sum(p => p.Requests) / list.Sum(p => p.Seconds);
    }
}

/// <summary>Sends signed deliveries: closed loop (N senders, each waits for its answer) or open loop (a fixed rate).</summary>
internal sealed class LoadGenerator(HttpClient http)
{
    /// <summary>
    /// <paramref name="concurrency"/> senders take the next delivery until all are sent or <paramref name="limit"/> has
    /// passed. Throughput is completed requests over the wall time of the phase.
    /// </summary>
    public async Task<PhaseResult> ClosedLoopAsync(string name, Uri target, IReadOnlyList<Delivery> deliveries, int concurrency,
        TimeSpan limit, CancellationToken ct)
    {
        var latencies = new ConcurrentBag<double[]>();
        var next = -1;
        var errors = 0;
        string? firstError = null;
        var start = Stopwatch.GetTimestamp();

        async Task SenderAsync()
        {
            var mine = new List<double>();
            int i;
            while ((i = Interlocked.Increment(ref next)) < deliveries.Count && Stopwatch.GetElapsedTime(start) < limit)
            {
                var sent = Stopwatch.GetTimestamp();
                var error = await SendAsync(target, deliveries[i], ct);
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (error is not null)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }
            latencies.Add([.. mine]);
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(SenderAsync, ct)));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new PhaseResult(name, all.Length, seconds, all, errors, firstError);
    }

    /// <summary>
    /// Sends delivery i at start + i / rate whether or not earlier ones have been answered, and measures each latency
    /// from its scheduled time (so a stall also delays the requests queued behind it, as it would for Stripe).
    /// </summary>
    public async Task<PhaseResult> OpenLoopAsync(string name, Uri target, IReadOnlyList<Delivery> deliveries, int rate,
        TimeSpan limit, CancellationToken ct)
    {
        var latencies = new double[deliveries.Count];
        var errors = 0;
        string? firstError = null;
        var tasks = new List<Task>(deliveries.Count);
        var start = Stopwatch.GetTimestamp();

        async Task SendOneAsync(int i, long due)
        {
            var error = await SendAsync(target, deliveries[i], ct);
            latencies[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            if (error is not null)
            {
                Interlocked.Increment(ref errors);
                Interlocked.CompareExchange(ref firstError, error, null);
            }
        }

        for (var i = 0; i < deliveries.Count && Stopwatch.GetElapsedTime(start) < limit; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            tasks.Add(SendOneAsync(i, due));
        }
        var sending = Stopwatch.GetElapsedTime(start).TotalSeconds;
        try
        {
            await Task.WhenAll(tasks).WaitAsync(limit, ct);
        }
        catch (TimeoutException)
        {
            // Reported below as the requests that never completed.
        }
        var done = tasks.Count(t => t.IsCompletedSuccessfully);
        var all = latencies.Take(tasks.Count).Where((_, i) => tasks[i].IsCompletedSuccessfully).Order().ToArray();
        return new PhaseResult(name, tasks.Count, sending, all, errors + (tasks.Count - done), firstError);
    }

    /// <summary>Null on a 2xx answer, else what went wrong.</summary>
    private async Task<string?> SendAsync(Uri target, Delivery delivery, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(delivery.Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            foreach (var (name, value) in delivery.Headers) request.Headers.TryAddWithoutValidation(name, value);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return "timeout";
        }
    }
}
