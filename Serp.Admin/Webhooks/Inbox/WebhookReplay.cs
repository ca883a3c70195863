using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Serp.Domain.Audit;
using Serp.Domain.Data;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Webhooks.Inbox;

/// <summary>
/// Puts a stored event back in the queue so the processor applies it again through the same code path.
/// Safe to repeat: the purchase rules are idempotent. Every replay is written to the audit log.
/// </summary>
public sealed class WebhookReplay(IDbContextFactory<SerpDbContext> dbFactory, WebhookSignal signal, TimeProvider time)
{
    public async Task<bool> ReplayAsync(long eventId, string actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.WebhookEvents.SingleOrDefaultAsync(e => e.Id == eventId, ct);
        if (row is null) return false;

        var previous = row.Status;
        row.Status = WebhookEventStatus.Received;
        row.Attempts = 0;
        row.NextAttemptAt = null;
        row.LastError = null;
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = "webhook.replay",
            TargetType = "webhook_event",
            TargetId = $"{row.Provider}:{row.EventId}",
            Details = JsonSerializer.SerializeToDocument(new { previous, row.EventType }),
            Outcome = "queued",
        });
        await db.SaveChangesAsync(ct);
        signal.Ring();
        return true;
    }

    /// <summary>
    /// Puts every failed event back in the queue in one statement (Admin; one audit entry with the count) and returns
    /// their ids, so the caller can follow their progress (<see cref="ProgressAsync"/>). Only events that failed for
    /// good (status <c>failed</c>): ones still retrying are left to their backoff.
    /// </summary>
    public async Task<IReadOnlyList<long>> ReplayAllFailedAsync(string actor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = await db.Database.SqlQuery<long>($"""
            UPDATE webhook_events SET status = 'received', attempts = 0, next_attempt_at = NULL, last_error = NULL
            WHERE status = 'failed'
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = "webhook.replay_all_failed",
            TargetType = "webhook_event",
            TargetId = "failed",
            Details = JsonSerializer.SerializeToDocument(new { count = ids.Count }),
            Outcome = "queued",
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (ids.Count > 0) signal.Ring();
        return ids;
    }

    /// <summary>Where replayed events stand now: how many of <paramref name="ids"/> are done, waiting, or failing again.</summary>
    public async Task<ReplayProgress> ProgressAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        long[] keys = [.. ids];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var byStatus = await db.WebhookEvents.AsNoTracking().Where(e => keys.Contains(e.Id))
            .GroupBy(e => new { e.Status, Retrying = e.Attempts > 0 })
            .Select(g => new { g.Key.Status, g.Key.Retrying, Count = g.Count() })
            .ToListAsync(ct);
        int Count(Func<string, bool, bool> match) => byStatus.Where(s => match(s.Status, s.Retrying)).Sum(s => s.Count);
        return new ReplayProgress(
            Total: ids.Count,
            Done: Count((status, _) => status is WebhookEventStatus.Processed or WebhookEventStatus.Ignored),
            Waiting: Count((status, retrying) => status == WebhookEventStatus.Received && !retrying),
            FailingAgain: Count((status, retrying) => status == WebhookEventStatus.Failed || (status == WebhookEventStatus.Received && retrying)));
    }
}

/// <param name="FailingAgain">Failed again, or retrying after a new failure.</param>
public sealed record ReplayProgress(int Total, int Done, int Waiting, int FailingAgain)
{
    public bool Finished => Waiting == 0;
}
