using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Serp.Domain.Audit;
using Serp.Domain.Data;

namespace Serp.Admin.Features.Monitoring.Alerts;

public sealed record AlertRow(
    long Id, string Rule, string Subject, string Severity, string Summary, DateTimeOffset OpenedAt,
    DateTimeOffset? ResolvedAt, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? NotifyError);

/// <summary>What the app bar and /monitoring read and do about alerts.</summary>
public sealed class AlertBoard(IDbContextFactory<SerpDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Open alerts that nobody has acknowledged yet: the app bar's badge.</summary>
    public async Task<int> UnacknowledgedCountAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Alerts.AsNoTracking().CountAsync(a => a.ResolvedAt == null && a.AcknowledgedAt == null, ct);
    }

    /// <summary>Every open alert, then those resolved in the last 24 hours, newest first.</summary>
    public async Task<IReadOnlyList<AlertRow>> CurrentAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = time.GetUtcNow().AddDays(-1);
        return await db.Alerts.AsNoTracking()
            .Where(a => a.ResolvedAt == null || a.ResolvedAt >= since)
            .OrderBy(a => a.ResolvedAt != null).ThenByDescending(a => a.OpenedAt).Take(100)
            .Select(a => new AlertRow(a.Id, a.Rule, a.Subject, a.Severity, a.Summary, a.OpenedAt, a.ResolvedAt,
                a.AcknowledgedBy, a.AcknowledgedAt, a.NotifyError))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Marks an alert as seen by <paramref name="actor"/> (audited). The first acknowledgement stands: a second one,
    /// or one for an unknown alert, changes nothing and returns false.
    /// </summary>
    public async Task<bool> AcknowledgeAsync(long alertId, string actor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var changed = await db.Alerts.Where(a => a.Id == alertId && a.AcknowledgedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.AcknowledgedAt, now).SetProperty(a => a.AcknowledgedBy, actor), ct);
        if (changed == 0) return false;
        var alert = await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == alertId, ct);
        db.AuditLog.Add(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = "alert.acknowledged",
            TargetType = "alert",
            TargetId = alertId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Details = JsonSerializer.SerializeToDocument(new { alert.Rule, alert.Subject }),
            Outcome = "acknowledged",
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
