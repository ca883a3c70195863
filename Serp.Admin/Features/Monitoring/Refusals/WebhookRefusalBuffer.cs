using System.Collections.Concurrent;

namespace Serp.Admin.Features.Monitoring.Refusals;

/// <summary>
/// Refused deliveries counted in memory per (provider, reason, minute) until <see cref="WebhookRefusalFlusher"/>
/// adds them to <c>webhook_refusals</c>: a flood of bad requests becomes a few counters, never a write per request.
/// The keys are bounded by the code's own reason codes and the minutes since the last flush.
/// </summary>
public sealed class WebhookRefusalBuffer(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Provider, string Reason, DateTimeOffset Minute), long> pending = new();

    public void Add(string provider, string reason)
    {
        var now = time.GetUtcNow();
        var minute = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        pending.AddOrUpdate((provider, reason, minute), 1, (_, n) => n + 1);
    }

    /// <summary>
    /// Takes every counted bucket out. A concurrent <see cref="Add"/> either lands before a bucket is taken (and is in
    /// it) or starts a new bucket for the next flush: no refusal is lost or counted twice.
    /// </summary>
    public IReadOnlyList<RefusalCount> Drain()
    {
        List<RefusalCount> taken = [];
        foreach (var key in pending.Keys)
        {
            if (pending.TryRemove(key, out var count)) taken.Add(new RefusalCount(key.Provider, key.Reason, key.Minute, count));
        }
        return taken;
    }

    /// <summary>Puts counts back after a failed flush, so the next flush writes them.</summary>
    public void Restore(IEnumerable<RefusalCount> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var c in counts) pending.AddOrUpdate((c.Provider, c.Reason, c.Minute), c.Count, (_, n) => n + c.Count);
    }
}

public sealed record RefusalCount(string Provider, string Reason, DateTimeOffset Minute, long Count);
