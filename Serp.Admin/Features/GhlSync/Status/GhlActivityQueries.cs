using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Features.GhlSync.Status;

/// <summary>Syncs finished in one UTC hour.</summary>
public sealed class GhlHourCount
{
    public DateTimeOffset Hour { get; init; }
    public int Count { get; init; }
}

/// <summary>
/// Throughput and error rate from <c>ghl_sync_attempts</c>.
/// </summary>
/// <param name="SyncedPerHour">Succeeded (or unchanged) syncs per hour of the last 24 hours, oldest first, hours without any included.</param>
/// <param name="AttemptsLastHour">Attempts finished in the last hour.</param>
/// <param name="ErrorsLastHour">Of those, the ones that failed (retrying or failed for good).</param>
public sealed record GhlActivity(IReadOnlyList<GhlHourCount> SyncedPerHour, int AttemptsLastHour, int ErrorsLastHour)
{
    public int Synced24h => SyncedPerHour.Sum(h => h.Count);
    public double? ErrorRate => AttemptsLastHour == 0 ? null : (double)ErrorsLastHour / AttemptsLastHour;
}

public sealed class GhlActivityQueries(IDbContextFactory<SerpDbContext> dbFactory, TimeProvider time)
{
    public async Task<GhlActivity> ActivityAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var firstHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-23);
        var hourAgo = now.AddHours(-1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Both read the finished_at index; at most 24 groups come back.
        var hours = await db.Database.SqlQuery<GhlHourCount>($"""
            SELECT date_trunc('hour', finished_at, 'UTC') AS hour, count(*)::int AS count
            FROM ghl_sync_attempts
            WHERE finished_at >= {firstHour} AND outcome IN ({GhlSyncOutcome.Succeeded}, {GhlSyncOutcome.Unchanged})
            GROUP BY 1
            """).ToListAsync(ct);
        var recent = await db.GhlSyncAttempts.AsNoTracking().Where(a => a.FinishedAt >= hourAgo)
            .GroupBy(a => a.Outcome == GhlSyncOutcome.Retrying || a.Outcome == GhlSyncOutcome.Failed)
            .Select(g => new { Error = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var byHour = hours.ToDictionary(h => h.Hour.ToUniversalTime());
        return new GhlActivity(
            [.. Enumerable.Range(0, 24).Select(i => firstHour.AddHours(i)).Select(h => byHour.GetValueOrDefault(h) ?? new GhlHourCount { Hour = h })],
            recent.Sum(r => r.Count),
            recent.Where(r => r.Error).Sum(r => r.Count));
    }
}
