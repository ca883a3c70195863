using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Features.Monitoring;

public sealed record InboxCounts(string Provider, string Status, int Count);

public sealed record ApiVersionRow(string? ApiVersion, int Count, DateTimeOffset LastSeen);

public sealed record RefusalRow(string Provider, string Reason, long Count, DateTimeOffset LastMinute);

/// <summary>What the Monitoring page reads about the webhook inbox.</summary>
public sealed class WebhookMonitoringQueries(IDbContextFactory<SerpDbContext> dbFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<InboxCounts>> CountsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookEvents.AsNoTracking()
            .GroupBy(e => new { e.Provider, e.Status })
            .Select(g => new InboxCounts(g.Key.Provider, g.Key.Status, g.Count()))
            .ToListAsync(ct);
    }

    /// <summary>How long the oldest event still waiting has waited (null when the queue is empty).</summary>
    public async Task<TimeSpan?> OldestWaitingAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var oldest = await db.WebhookEvents.AsNoTracking()
            .Where(e => e.Status == WebhookEventStatus.Received)
            .OrderBy(e => e.Id).Select(e => (DateTimeOffset?)e.ReceivedAt).FirstOrDefaultAsync(ct);
        return oldest is { } at ? time.GetUtcNow() - at : null;
    }

    /// <summary>Stripe API versions of the events of the last 7 days.</summary>
    public async Task<IReadOnlyList<ApiVersionRow>> StripeApiVersionsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = time.GetUtcNow().AddDays(-7);
        return await db.WebhookEvents.AsNoTracking()
            .Where(e => e.Provider == "stripe" && e.ReceivedAt >= since)
            .GroupBy(e => e.ApiVersion)
            .Select(g => new ApiVersionRow(g.Key, g.Count(), g.Max(e => e.ReceivedAt)))
            .ToListAsync(ct);
    }

    /// <summary>Refused deliveries per provider and reason since <paramref name="since"/>, from the persisted minute counts.</summary>
    public async Task<IReadOnlyList<RefusalRow>> RefusalsAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookRefusals.AsNoTracking()
            .Where(r => r.Minute >= since)
            .GroupBy(r => new { r.Provider, r.Reason })
            .OrderBy(g => g.Key.Provider).ThenBy(g => g.Key.Reason)
            .Select(g => new RefusalRow(g.Key.Provider, g.Key.Reason, g.Sum(r => r.Count), g.Max(r => r.Minute)))
            .ToListAsync(ct);
    }
}
