using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Domain.Checkout;
using Serp.Domain.Data;

namespace Serp.Admin.Features.Monitoring.StaleSessions;

public sealed record StaleSessionRow(Guid Id, string Source, string? OfferId, string? CustomerEmail, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <param name="Overdue">Sessions pending past the threshold that the next sweep will mark.</param>
/// <param name="Recent">Sessions abandoned in the last 24 hours, newest first (at most 25).</param>
public sealed record StaleSessions(int Overdue, IReadOnlyList<StaleSessionRow> Recent, int ThresholdMinutes);

/// <summary>The stale checkout sessions /monitoring lists (both read the (status, created_at) index).</summary>
public sealed class StaleSessionQueries(IDbContextFactory<SerpDbContext> dbFactory, IOptionsMonitor<MonitoringOptions> options, TimeProvider time)
{
    public async Task<StaleSessions> CurrentAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var minutes = options.CurrentValue.StaleSessionMinutes;
        var cutoff = now.AddMinutes(-minutes);
        var since = now.AddDays(-1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var overdue = await db.CheckoutSessions.AsNoTracking()
            .CountAsync(s => s.Status == CheckoutStatus.Pending && s.CreatedAt < cutoff, ct);
        // Abandoned within a day means created at most a day and the threshold ago: the index bounds the scan.
        var createdSince = since.AddMinutes(-minutes);
        var recent = await db.CheckoutSessions.AsNoTracking()
            .Where(s => s.Status == CheckoutStatus.Abandoned && s.CreatedAt >= createdSince && s.UpdatedAt >= since)
            .OrderByDescending(s => s.UpdatedAt).Take(25)
            .Select(s => new StaleSessionRow(s.Id, s.Source, s.OfferId, s.CustomerEmail, s.Status, s.CreatedAt, s.UpdatedAt))
            .ToListAsync(ct);
        return new StaleSessions(overdue, recent, minutes);
    }
}
