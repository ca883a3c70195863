using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Admin.Integrations.Ghl;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Features.GhlSync;

/// <summary>How one attempt ended, for the row and for <c>ghl_sync_attempts</c>.</summary>
/// <param name="Hash">The desired contact's hash GHL now matches (succeeded, unchanged), else null.</param>
/// <param name="Note">Plain words: why it failed or was skipped, or what could not be written.</param>
/// <param name="Transient">A failure that may pass by waiting (timeouts, 429, 5xx).</param>
/// <param name="RetryAfter">GHL said how long to wait.</param>
public sealed record GhlAttemptEnd(string Outcome, string? Hash, string? Note, int? HttpStatus = null, bool Transient = true, TimeSpan? RetryAfter = null);

/// <summary>
/// Ends a claim: the row's new state (guarded by the lease token, so a worker that lost its lease changes nothing) and
/// the attempt's history row, in one transaction. A failure is retried with backoff until the attempts run out, then
/// the row is <c>failed</c>; a bump that came during the attempt leaves the row pending and due at once either way.
/// </summary>
public sealed class GhlSyncRecorder(
    IDbContextFactory<SerpDbContext> dbFactory,
    IOptions<GhlSyncOptions> options,
    GhlSyncInstance instance,
    TimeProvider time)
{
    private static readonly JsonSerializerOptions CallsJson = new(JsonSerializerDefaults.Web);

    /// <returns>The attempt's outcome as recorded (a failure is <c>retrying</c> or <c>failed</c>; an attempt that lost its lease is <c>retrying</c>).</returns>
    public async Task<string> FinishAsync(GhlClaim claim, GhlApplyProgress progress, GhlAttemptEnd end, GhlCallLog log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(end);
        ArgumentNullException.ThrowIfNull(log);
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = end.Outcome is GhlSyncOutcome.Failed or GhlSyncOutcome.Retrying
            ? await FailAsync(db, claim, progress, end, now, ct)
            : await SucceedAsync(db, claim, progress, end, now, ct);
        // The lease lapsed and another worker holds the row: the history keeps this attempt's calls, the row is theirs.
        var lost = outcome is null;
        db.GhlSyncAttempts.Add(new GhlSyncAttempt
        {
            Email = claim.Email,
            StartedAt = claim.StartedAt,
            FinishedAt = now,
            Outcome = outcome ?? GhlSyncOutcome.Retrying,
            HttpStatus = end.HttpStatus,
            Error = lost ? LeaseLost : end.Note,
            Calls = JsonSerializer.SerializeToDocument(log.Calls, CallsJson),
            RequestCount = log.Calls.Count,
            Instance = instance.Name,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return outcome ?? GhlSyncOutcome.Retrying;
    }

    private const string LeaseLost = "This attempt outlived its lease: another worker took the customer over and finishes the sync.";

    private static async Task<string?> SucceedAsync(SerpDbContext db, GhlClaim claim, GhlApplyProgress progress, GhlAttemptEnd end,
        DateTimeOffset now, CancellationToken ct)
    {
        var status = end.Outcome == GhlSyncOutcome.Skipped ? GhlSyncStatus.Skipped : GhlSyncStatus.Succeeded;
        DateTimeOffset? syncedAt = end.Outcome == GhlSyncOutcome.Skipped ? null : now;
        var updated = await db.Database.ExecuteSqlAsync($"""
            UPDATE ghl_sync SET
                status = CASE WHEN desired_version > {claim.DesiredVersion} THEN 'pending' ELSE {status} END,
                next_attempt_at = CASE WHEN desired_version > {claim.DesiredVersion} THEN {now} ELSE NULL END,
                synced_version = {claim.DesiredVersion}, attempts = 0,
                synced_hash = COALESCE({end.Hash}, synced_hash), desired_hash = COALESCE({end.Hash}, desired_hash),
                ghl_contact_id = {progress.ContactId}, ghl_opportunity_id = {progress.OpportunityId},
                enrolled_workflow_ids = {progress.EnrolledWorkflowIds}, last_error = {end.Note}, last_http_status = NULL,
                last_synced_at = COALESCE({syncedAt}, last_synced_at), locked_until = NULL, lease_token = NULL, updated_at = {now}
            WHERE email = {claim.Email} AND lease_token = {claim.LeaseToken}
            """, ct);
        return updated == 1 ? end.Outcome : null;
    }

    private async Task<string?> FailAsync(SerpDbContext db, GhlClaim claim, GhlApplyProgress progress, GhlAttemptEnd end,
        DateTimeOffset now, CancellationToken ct)
    {
        var settings = options.Value;
        // A 429 says "not now", not "broken": it waits as long as GHL asked and does not count as an attempt.
        var rateLimited = end.HttpStatus == 429;
        var giveUp = !rateLimited && (end.Outcome == GhlSyncOutcome.Failed
            || claim.Attempts >= (end.Transient ? settings.MaxAttempts : settings.MaxPermanentAttempts));
        var backoff = rateLimited ? end.RetryAfter ?? settings.FirstBackoff : settings.BackoffAfter(claim.Attempts, Random.Shared.NextDouble());
        if (end.RetryAfter is { } wait && wait > backoff) backoff = wait;
        var retryAt = now + backoff;
        var statuses = await db.Database.SqlQuery<string>($"""
            UPDATE ghl_sync SET
                status = CASE WHEN desired_version > {claim.DesiredVersion} OR NOT {giveUp} THEN 'pending' ELSE 'failed' END,
                next_attempt_at = CASE WHEN desired_version > {claim.DesiredVersion} THEN {now} WHEN {giveUp} THEN NULL ELSE {retryAt} END,
                attempts = CASE WHEN desired_version > {claim.DesiredVersion} THEN 0 WHEN {rateLimited} THEN GREATEST(attempts - 1, 0) ELSE attempts END,
                ghl_contact_id = {progress.ContactId}, ghl_opportunity_id = {progress.OpportunityId},
                enrolled_workflow_ids = {progress.EnrolledWorkflowIds}, last_error = {end.Note}, last_http_status = {end.HttpStatus},
                locked_until = NULL, lease_token = NULL, updated_at = {now}
            WHERE email = {claim.Email} AND lease_token = {claim.LeaseToken}
            RETURNING status AS "Value"
            """).ToListAsync(ct);
        return statuses switch
        {
            [] => null,
            [GhlSyncStatus.Failed] => GhlSyncOutcome.Failed,
            _ => GhlSyncOutcome.Retrying,
        };
    }
}

/// <summary>This app instance's name in <c>ghl_sync_attempts.instance</c>: machine, process and a per-start suffix.</summary>
public sealed class GhlSyncInstance
{
    public string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
}
