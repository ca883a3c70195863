using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Serp.Admin.Features.GhlSync;

/// <summary>
/// A customer's <c>ghl_sync</c> row, claimed by one worker until <see cref="LeaseToken"/>'s lease ends (or is renewed).
/// <see cref="DesiredVersion"/> is what the sync will have made true; a bump during the sync raises the row's version
/// past it, and the row stays pending.
/// </summary>
public sealed record GhlClaim(
    string Email,
    long DesiredVersion,
    Guid LeaseToken,
    int Attempts,
    bool ForcePush,
    string? ContactId,
    string? OpportunityId,
    string? SyncedHash,
    IReadOnlyList<string> EnrolledWorkflowIds,
    DateTimeOffset StartedAt);

/// <summary>
/// Claims <c>ghl_sync</c> rows: FOR UPDATE SKIP LOCKED in a statement of its own (no transaction held while GHL is
/// called), then a lease in <c>locked_until</c> that only the holder of <c>lease_token</c> may renew or end. Safe with
/// any number of loops and instances: one customer is never synced by two at once. Plain Npgsql commands: a claim is an
/// UPDATE … RETURNING (and, for one customer, an INSERT before it) that EF cannot express as one round trip.
/// </summary>
public sealed class GhlSyncClaims(NpgsqlDataSource dataSource, IOptions<GhlSyncOptions> options, TimeProvider time)
{
    private const string Take = """
        UPDATE ghl_sync s SET status = 'in_progress', locked_until = @until, lease_token = @token, attempts = s.attempts + 1,
                              force_push = false, updated_at = @now
        FROM next WHERE s.email = next.email
        RETURNING s.email, s.desired_version, s.attempts, next.force_push, s.ghl_contact_id, s.ghl_opportunity_id,
                  s.synced_hash, s.enrolled_workflow_ids
        """;

    // A lease that ran out belongs to a worker that died (or lost the database): its row is taken over first.
    private const string ClaimExpired = """
        WITH next AS (SELECT email, force_push FROM ghl_sync WHERE status = 'in_progress' AND locked_until < @now
                      ORDER BY priority, next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        """ + Take;

    // Fresh before bulk, then oldest due first: the first matching entry of ix_ghl_sync_claim.
    private const string ClaimDue = """
        WITH next AS (SELECT email, force_push FROM ghl_sync WHERE status = 'pending' AND next_attempt_at <= @now
                      ORDER BY priority, next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        """ + Take;

    // An operator's sync now: any row not held by a live lease; it pushes everything (force).
    private const string ClaimOne = """
        INSERT INTO ghl_sync (email, desired_version, synced_version, status, attempts, priority, next_attempt_at, force_push, updated_at)
        VALUES (@email, 1, 0, 'pending', 0, 0, @now, true, @now)
        ON CONFLICT (email) DO NOTHING;
        WITH next AS (SELECT email, true AS force_push FROM ghl_sync
                      WHERE email = @email AND NOT (status = 'in_progress' AND locked_until >= @now) FOR UPDATE)
        """ + Take;

    private const string Renew = "UPDATE ghl_sync SET locked_until = @until WHERE email = @email AND lease_token = @token";

    private const string Release = """
        UPDATE ghl_sync SET status = 'pending', locked_until = NULL, lease_token = NULL, attempts = GREATEST(attempts - 1, 0),
                            next_attempt_at = @now, updated_at = @now
        WHERE email = @email AND lease_token = @token
        """;

    /// <summary>The next row to sync (a lapsed lease first, then due rows fresh first), or null when none is due.</summary>
    public async Task<GhlClaim?> ClaimNextAsync(CancellationToken ct) =>
        await ClaimAsync(ClaimExpired, null, ct) ?? await ClaimAsync(ClaimDue, null, ct);

    /// <summary>The row of <paramref name="emailKey"/> (created if missing), or null while another worker holds it.</summary>
    public Task<GhlClaim?> ClaimAsync(string emailKey, CancellationToken ct) => ClaimAsync(ClaimOne, emailKey, ct);

    /// <summary>Extends the lease; false when it was lost (taken over after it lapsed).</summary>
    public async Task<bool> RenewAsync(GhlClaim claim, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var command = dataSource.CreateCommand(Renew);
        command.Parameters.Add(new NpgsqlParameter("until", NpgsqlDbType.TimestampTz) { Value = time.GetUtcNow() + options.Value.Lease });
        command.Parameters.Add(new NpgsqlParameter("email", claim.Email));
        command.Parameters.Add(new NpgsqlParameter("token", claim.LeaseToken));
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Gives the row back, due at once and without counting the attempt (the app is stopping).</summary>
    public async Task ReleaseAsync(GhlClaim claim, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var command = dataSource.CreateCommand(Release);
        command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = time.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter("email", claim.Email));
        command.Parameters.Add(new NpgsqlParameter("token", claim.LeaseToken));
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<GhlClaim?> ClaimAsync(string sql, string? email, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var token = Guid.NewGuid();
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now });
        command.Parameters.Add(new NpgsqlParameter("until", NpgsqlDbType.TimestampTz) { Value = now + options.Value.Lease });
        command.Parameters.Add(new NpgsqlParameter("token", token));
        if (email is not null) command.Parameters.Add(new NpgsqlParameter("email", email));
        await using var reader = await command.ExecuteReaderAsync(ct);
        // ClaimOne is two statements: the INSERT has no rows, the claim's are in the last result.
        do
        {
            if (await reader.ReadAsync(ct))
            {
                return new GhlClaim(
                    reader.GetString(0), reader.GetInt64(1), token, reader.GetInt32(2), reader.GetBoolean(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetFieldValue<string[]>(7), now);
            }
        }
        while (await reader.NextResultAsync(ct));
        return null;
    }
}
