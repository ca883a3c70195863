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
}
