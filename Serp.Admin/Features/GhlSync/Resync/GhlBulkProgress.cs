using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Features.GhlSync.Resync;

/// <summary>
/// The latest bulk resync, read from the rows themselves (each carries the <c>bulk_requested_at</c> of the bulk that
/// bumped it), so its progress survives a reload and shows the same on every instance.
/// </summary>
/// <param name="Done">Rows that finished since: synced, failed for good, or skipped.</param>
public sealed record GhlBulkRun(DateTimeOffset RequestedAt, int Total, int Done, int Succeeded, int Failed)
{
    public bool Finished => Done >= Total;
    public double Percent => Total == 0 ? 100 : 100.0 * Done / Total;
}

public static class GhlBulkProgress
{
    public static async Task<GhlBulkRun?> LatestAsync(SerpDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Reads the partial index on bulk_requested_at backwards: one entry.
        var latest = await db.GhlSync.AsNoTracking().Where(s => s.BulkRequestedAt != null)
            .OrderByDescending(s => s.BulkRequestedAt).Select(s => s.BulkRequestedAt).FirstOrDefaultAsync(ct);
        if (latest is not { } at) return null;
        var counts = await db.GhlSync.AsNoTracking().Where(s => s.BulkRequestedAt == at)
            .GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);
        int Count(string status) => counts.TryGetValue(status, out var n) ? n : 0;
        var succeeded = Count(GhlSyncStatus.Succeeded);
        var failed = Count(GhlSyncStatus.Failed);
        return new GhlBulkRun(at, counts.Values.Sum(), succeeded + failed + Count(GhlSyncStatus.Skipped), succeeded, failed);
    }

    /// <summary>The latest bulk when it still has rows to do, else null.</summary>
    public static async Task<GhlBulkRun?> RunningAsync(SerpDbContext db, CancellationToken ct) =>
        await LatestAsync(db, ct) is { Finished: false } running ? running : null;
}
