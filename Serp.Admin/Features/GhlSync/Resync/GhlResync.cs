using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Serp.Admin.Auth;
using Serp.Domain.Audit;
using Serp.Domain.Customers;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Features.GhlSync.Resync;

public enum GhlResyncOutcome
{
    Queued,
    /// <summary>Nothing new to do: the same request is still waiting (a double click), or nothing matched.</summary>
    AlreadyQueued,
    Refused,
    Invalid,
}

public sealed record GhlResyncResult(GhlResyncOutcome Outcome, string Message, int Count = 0);

/// <summary>
/// The resync buttons: one customer (a Fresh bump), all failed and everyone (Bulk bumps, one statement each), all
/// through <see cref="GhlOutbox"/>. The role is checked here, not only by hiding the buttons; each press is one
/// <c>audit_log</c> entry in the same transaction as the bump; a second press while the first is still waiting
/// bumps nothing.
/// </summary>
public sealed class GhlResync(IDbContextFactory<SerpDbContext> dbFactory, GhlOutbox outbox, TimeProvider time, ILogger<GhlResync> logger)
{
    public const string CustomerAction = "ghl.resync";
    public const string FailedAction = "ghl.resync_failed";
    public const string EveryoneAction = "ghl.resync_all";
    public const int MaxEmailLength = 320;

    public async Task<GhlResyncResult> ResyncCustomerAsync(ClaimsPrincipal user, string? email, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = CustomerEmail.Key(email ?? "");
        if (!StaffIdentity.HasAtLeast(user, Roles.Support))
        {
            return await RefuseAsync(user, CustomerAction, key, "Only Support and Admin staff can resync a customer.", ct);
        }
        if (key.Length == 0 || key.Length > MaxEmailLength || !key.Contains('@', StringComparison.Ordinal))
        {
            return new GhlResyncResult(GhlResyncOutcome.Invalid, "That is not an email address.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One press at a time per customer: the second of a double click waits here and then sees the first one's bump.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"ghl.resync:" + key}, 0))", ct);
        var row = await db.GhlSync.AsNoTracking().Where(s => s.Email == key)
            .Select(s => new { s.Status, s.Priority, s.ForcePush, s.NextAttemptAt, s.RequestedBy })
            .SingleOrDefaultAsync(ct);
        if (row is null && !await KnownAsync(db, key, ct))
        {
            return new GhlResyncResult(GhlResyncOutcome.Invalid, "No order or checkout has this email: there is nothing to sync.");
        }
        var now = time.GetUtcNow();
        if (row is { Status: GhlSyncStatus.Pending, Priority: GhlSyncPriority.Fresh, ForcePush: true, RequestedBy: not null }
            && (row.NextAttemptAt is null || row.NextAttemptAt <= now))
        {
            return new GhlResyncResult(GhlResyncOutcome.AlreadyQueued, "A resync of this customer is already queued.");
        }

        var actor = StaffIdentity.Actor(user);
        await outbox.BumpAsync(db, key, actor, GhlSyncPriority.Fresh, ct);
        db.AuditLog.Add(Entry(actor, CustomerAction, "customer", key, "succeeded", new { previous_status = row?.Status }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // Who and whom are in the audit log; the log line names neither (no emails at Information).
        logger.LogInformation("GHL resync of one customer queued");
        return new GhlResyncResult(GhlResyncOutcome.Queued, "Resync queued: the customer is synced before any bulk work.", 1);
    }

    /// <summary>Every failed row back to pending (Bulk). A second press finds none failed and bumps nothing.</summary>
    public Task<GhlResyncResult> ResyncFailedAsync(ClaimsPrincipal user, CancellationToken ct) =>
        BulkAsync(user, GhlBulkScope.Failed, Roles.Support, FailedAction, ct);

    /// <summary>Everyone the database knows (Admin only). Refused while an earlier bulk still has rows to do.</summary>
    public Task<GhlResyncResult> ResyncEveryoneAsync(ClaimsPrincipal user, CancellationToken ct) =>
        BulkAsync(user, GhlBulkScope.Everyone, Roles.Admin, EveryoneAction, ct);

    private async Task<GhlResyncResult> BulkAsync(ClaimsPrincipal user, GhlBulkScope scope, string role, string action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!StaffIdentity.HasAtLeast(user, role))
        {
            var who = role == Roles.Admin ? "Only an Admin can resync everyone." : "Only Support and Admin staff can resync failed customers.";
            return await RefuseAsync(user, action, null, who, ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"ghl.resync_bulk"}, 0))", ct);
        if (scope == GhlBulkScope.Everyone && await GhlBulkProgress.RunningAsync(db, ct) is { } running)
        {
            return new GhlResyncResult(GhlResyncOutcome.AlreadyQueued,
                $"A bulk resync is still running ({running.Done:N0} of {running.Total:N0} done): wait for it to finish.");
        }
        if (scope == GhlBulkScope.Failed && !await db.GhlSync.AnyAsync(s => s.Status == GhlSyncStatus.Failed, ct))
        {
            return new GhlResyncResult(GhlResyncOutcome.AlreadyQueued, "No customer is failed: nothing to resync.");
        }

        var actor = StaffIdentity.Actor(user);
        var count = await outbox.BumpManyAsync(db, scope, actor, GhlSyncPriority.Bulk, ct);
        db.AuditLog.Add(Entry(actor, action, "ghl_sync", null, "succeeded", new { customers = count }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("GHL bulk resync {Action} of {Count} customers queued", action, count);
        return new GhlResyncResult(GhlResyncOutcome.Queued, $"{count:N0} customers queued for a resync.", count);
    }

    private static async Task<bool> KnownAsync(SerpDbContext db, string key, CancellationToken ct) =>
        await db.Orders.FromSql($"SELECT * FROM orders WHERE lower(customer_email) = {key}").AnyAsync(ct)
        || await db.CheckoutSessions.AnyAsync(s => s.CustomerEmail == key, ct);

    private async Task<GhlResyncResult> RefuseAsync(ClaimsPrincipal user, string action, string? target, string message, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditLog.Add(Entry(StaffIdentity.Actor(user), action, target is null ? "ghl_sync" : "customer", target, "refused", new { message }));
        await db.SaveChangesAsync(ct);
        return new GhlResyncResult(GhlResyncOutcome.Refused, message);
    }

    private AuditEntry Entry(string actor, string action, string targetType, string? targetId, string outcome, object details) => new()
    {
        At = time.GetUtcNow(),
        Actor = actor,
        Action = action,
        TargetType = targetType,
        TargetId = targetId,
        Details = JsonSerializer.SerializeToDocument(details),
        Outcome = outcome,
    };
}
