using Microsoft.EntityFrameworkCore;
using Serp.Domain.Customers;
using Serp.Domain.Data;

namespace Serp.Domain.GhlSync;

/// <summary>Which customers a bulk resync bumps.</summary>
public enum GhlBulkScope
{
    /// <summary>Rows whose sync failed for good.</summary>
    Failed,
    /// <summary>Every customer the database knows: an email on an order or an abandoned checkout, or a row already here.</summary>
    Everyone,
}

/// <summary>
/// Marks customers as needing a GHL sync (<c>ghl_sync</c>): the ledger after a change of what GHL should know, the
/// resync buttons, the drift fix. A bump computes nothing (the worker reads the facts when it syncs): it raises
/// <c>desired_version</c>, makes the row pending and due now (clearing any retry backoff), and never lowers its
/// priority. A row being synced stays <c>in_progress</c>: its worker sees the newer version when it finishes and
/// leaves the row pending, so no bump is lost. A bump by an operator (<c>requestedBy</c> set) also forces a full push
/// even if the desired state's hash did not change, so that a resync repairs a contact someone edited in GHL.
/// </summary>
public sealed class GhlOutbox(TimeProvider time)
{
    // Shared by both bumps: {0} is the new row's values, the rest decides how an existing row changes.
    private const string OnConflict = """
        ON CONFLICT (email) DO UPDATE SET
            desired_version = ghl_sync.desired_version + 1,
            status = CASE WHEN ghl_sync.status = 'in_progress' THEN ghl_sync.status ELSE 'pending' END,
            priority = CASE WHEN ghl_sync.status IN ('pending', 'in_progress') THEN LEAST(ghl_sync.priority, EXCLUDED.priority)
                            ELSE EXCLUDED.priority END,
            attempts = CASE WHEN ghl_sync.status = 'in_progress' THEN ghl_sync.attempts ELSE 0 END,
            next_attempt_at = CASE WHEN ghl_sync.status = 'in_progress' THEN ghl_sync.next_attempt_at
                                   WHEN ghl_sync.status = 'pending' THEN LEAST(ghl_sync.next_attempt_at, EXCLUDED.next_attempt_at)
                                   ELSE EXCLUDED.next_attempt_at END,
            force_push = ghl_sync.force_push OR EXCLUDED.force_push,
            requested_by = EXCLUDED.requested_by,
            bulk_requested_at = COALESCE(EXCLUDED.bulk_requested_at, ghl_sync.bulk_requested_at),
            updated_at = EXCLUDED.updated_at
        """;

    private const string InsertMany = """
        INSERT INTO ghl_sync (email, desired_version, synced_version, status, attempts, priority, next_attempt_at,
                              force_push, requested_by, bulk_requested_at, updated_at)
        SELECT customer.email, 1, 0, 'pending', 0, @priority, @now, @force, @requested_by, @bulk_at, @now
        FROM (
        """;

    private const string ManyCustomers = """

        ) AS customer (email)
        WHERE customer.email <> ''

        """ + OnConflict;

    /// <summary>Bumps one customer (any spelling of the email: the key is <see cref="CustomerEmail.Key"/>).</summary>
    public async Task BumpAsync(SerpDbContext db, string email, string? requestedBy, GhlSyncPriority priority, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = CustomerEmail.Key(email);
        if (key.Length == 0) return;
        var now = time.GetUtcNow();
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO ghl_sync (email, desired_version, synced_version, status, attempts, priority, next_attempt_at,
                                  force_push, requested_by, updated_at)
            VALUES (@email, 1, 0, 'pending', 0, @priority, @now, @force, @requested_by, @now)
            """ + "\n" + OnConflict,
            Parameters(key, requestedBy, priority, now, bulkAt: null), ct);
    }

    /// <summary>
    /// Bumps a whole group in one statement and stamps the rows with this bulk's time (<c>bulk_requested_at</c>) for
    /// its progress. Returns how many customers were bumped.
    /// </summary>
    public async Task<int> BumpManyAsync(SerpDbContext db, GhlBulkScope scope, string requestedBy, GhlSyncPriority priority, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedBy);
        var sql = scope switch
        {
            GhlBulkScope.Failed => InsertMany + "SELECT email FROM ghl_sync WHERE status = 'failed'" + ManyCustomers,
            GhlBulkScope.Everyone => InsertMany + """
                SELECT lower(customer_email) FROM orders WHERE customer_email IS NOT NULL
                UNION SELECT lower(customer_email) FROM checkout_sessions WHERE status = 'abandoned' AND customer_email IS NOT NULL
                UNION SELECT email FROM ghl_sync
                """ + ManyCustomers,
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown bulk scope"),
        };
        var now = time.GetUtcNow();
        return await db.Database.ExecuteSqlRawAsync(sql,
            Parameters(null, requestedBy, priority, now, bulkAt: now), ct);
    }

    private static object[] Parameters(string? key, string? requestedBy, GhlSyncPriority priority, DateTimeOffset now, DateTimeOffset? bulkAt)
    {
        List<Npgsql.NpgsqlParameter> parameters =
        [
            new("priority", NpgsqlTypes.NpgsqlDbType.Smallint) { Value = (short)priority },
            new("now", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = now },
            new("force", requestedBy is not null),
            new("requested_by", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)requestedBy ?? DBNull.Value },
            new("bulk_at", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)bulkAt ?? DBNull.Value },
        ];
        if (key is not null) parameters.Add(new("email", key));
        return [.. parameters];
    }
}
