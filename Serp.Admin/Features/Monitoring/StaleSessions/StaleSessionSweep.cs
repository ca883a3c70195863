using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Features.Monitoring.StaleSessions;

/// <summary>
/// Marks checkout sessions still <c>pending</c> <see cref="MonitoringOptions.StaleSessionMinutes"/> after they were
/// created as <c>abandoned</c>, in one statement per batch, and bumps the GHL outbox for their customers (the
/// abandoned-checkout flow). Rows are taken with SKIP LOCKED, so instances sweeping at once never mark the same
/// session twice, and a row the ledger is writing is left for the next sweep. A session that completes later still
/// becomes <c>completed</c>: the ledger's rules rank completed above abandoned, and its xmin check makes a ledger
/// write that raced the sweep retry on the abandoned row.
/// </summary>
public sealed class StaleSessionSweep(
    IDbContextFactory<SerpDbContext> dbFactory,
    IOptionsMonitor<MonitoringOptions> options,
    TimeProvider time)
{
    private const int BatchSize = 500;
    private readonly GhlOutbox ghl = new(time);

    /// <summary>Sweeps until no stale session is left; returns how many were marked.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var marked = await SweepBatchAsync(ct);
            total += marked;
            if (marked < BatchSize) return total;
        }
    }

    private async Task<int> SweepBatchAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddMinutes(-options.CurrentValue.StaleSessionMinutes);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var emails = await db.Database.SqlQuery<string?>($"""
            WITH stale AS (
                SELECT id FROM checkout_sessions
                WHERE status = 'pending' AND created_at < {cutoff}
                ORDER BY created_at
                LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED)
            UPDATE checkout_sessions AS s SET status = 'abandoned', updated_at = {now}
            FROM stale WHERE s.id = stale.id
            RETURNING s.customer_email AS "Value"
            """).ToListAsync(ct);
        foreach (var email in emails.OfType<string>().Select(Serp.Domain.Customers.CustomerEmail.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await ghl.BumpAsync(db, email, requestedBy: null, GhlSyncPriority.Fresh, ct);
        }
        await transaction.CommitAsync(ct);
        return emails.Count;
    }
}
