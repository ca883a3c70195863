using Microsoft.EntityFrameworkCore;
using Serp.Domain.Customers;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Features.GhlSync.Status;

/// <summary>What /ghl reads about the outbox (<c>ghl_sync</c>): projections, no tracking, one short context each.</summary>
public sealed class GhlSyncQueries(IDbContextFactory<SerpDbContext> dbFactory, TimeProvider time)
{
    public async Task<GhlOverview> OverviewAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var byStatus = await db.GhlSync.AsNoTracking()
            .GroupBy(s => s.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);
        // Both counts read the (status, next_attempt_at) index.
        var due = await db.GhlSync.AsNoTracking()
            .CountAsync(s => s.Status == GhlSyncStatus.Pending && (s.NextAttemptAt == null || s.NextAttemptAt <= now), ct);
        var waiting = await db.GhlSync.AsNoTracking()
            .CountAsync(s => s.Status == GhlSyncStatus.Pending && s.NextAttemptAt > now, ct);
        return new GhlOverview(byStatus, due, waiting);
    }

    /// <summary>
    /// Failed rows, and pending rows that already failed at least once (retrying), newest change first, keyset-paged
    /// on <c>(updated_at, email)</c> so that a deep page costs what the first does.
    /// </summary>
    public async Task<GhlFailingPage> FailingAsync(GhlFailingCursor? after, int size, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.GhlSync.AsNoTracking()
            .Where(s => s.Status == GhlSyncStatus.Failed || (s.Status == GhlSyncStatus.Pending && s.Attempts > 0 && s.LastError != null));
        if (after is not null)
        {
            query = query.Where(s => EF.Functions.LessThan(ValueTuple.Create(s.UpdatedAt, s.Email), ValueTuple.Create(after.UpdatedAt, after.Email)));
        }
        var rows = await query
            .OrderByDescending(s => s.UpdatedAt).ThenByDescending(s => s.Email)
            .Take(size + 1)
            .Select(s => new GhlFailingRow(s.Email, s.Status, s.Attempts, s.LastHttpStatus, s.LastError, s.UpdatedAt, s.NextAttemptAt))
            .ToListAsync(ct);
        return new GhlFailingPage([.. rows.Take(size)], rows.Count > size);
    }

    /// <summary>The customer's row, whatever the case of <paramref name="email"/>; null when nothing was ever queued for them.</summary>
    public async Task<GhlCustomerState?> CustomerAsync(string email, CancellationToken ct)
    {
        var key = CustomerEmail.Key(email);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.GhlSync.AsNoTracking()
            .Where(s => s.Email == key)
            .Select(s => new GhlCustomerState(s.Email, s.Status, s.Attempts, s.LastSyncedAt, s.LastError, s.LastHttpStatus,
                s.GhlContactId, s.NextAttemptAt, s.UpdatedAt, s.RequestedBy))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>The rows of several customers at once (the rows resynced from the failing list, followed until done).</summary>
    public async Task<IReadOnlyList<GhlCustomerState>> CustomersAsync(IEnumerable<string> emails, CancellationToken ct)
    {
        string[] keys = [.. emails.Select(CustomerEmail.Key).Distinct(StringComparer.Ordinal)];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.GhlSync.AsNoTracking()
            .Where(s => keys.Contains(s.Email))
            .Select(s => new GhlCustomerState(s.Email, s.Status, s.Attempts, s.LastSyncedAt, s.LastError, s.LastHttpStatus,
                s.GhlContactId, s.NextAttemptAt, s.UpdatedAt, s.RequestedBy))
            .ToListAsync(ct);
    }
}
