using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Admin.Integrations.Ghl;
using Serp.Domain.Catalog;
using Serp.Domain.Customers;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Features.GhlSync;

/// <summary>What a sync did: an outcome of <see cref="GhlSyncOutcome"/>, or <see cref="Busy"/> / <see cref="NotConfigured"/>.</summary>
public sealed record GhlSyncResult(string Outcome, string? Message, int? HttpStatus, int RequestCount)
{
    public const string Busy = "busy";
    public const string NotConfigured = "not_configured";
}

/// <summary>
/// One customer's sync: facts → desired contact → GHL (<see cref="GhlContactApplier"/>) → row and attempt history
/// (<see cref="GhlSyncRecorder"/>). Nothing is sent when the desired contact's hash equals the last synced one (unless
/// an operator asked for a full push); a demo customer is skipped. The lease is renewed while GHL is slow; a sync
/// whose lease was taken over stops and writes nothing to the row.
/// </summary>
public sealed class GhlContactSync(
    IDbContextFactory<SerpDbContext> dbFactory,
    OfferCatalog catalog,
    IGhlApi api,
    IGhlLocationMap map,
    GhlContactApplier applier,
    GhlSyncClaims claims,
    GhlSyncRecorder recorder,
    IOptions<GhlSyncOptions> options,
    TimeProvider time,
    ILogger<GhlContactSync> logger)
{
    /// <summary>
    /// Syncs <paramref name="email"/> now, pushing everything even if nothing changed (an operator's fix after a drift
    /// check). Refuses while a worker holds the customer.
    /// </summary>
    public async Task<GhlSyncResult> SyncAsync(string email, GhlCallLog log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!api.IsConfigured) return new GhlSyncResult(GhlSyncResult.NotConfigured, "GHL is not configured (Ghl:Token, Ghl:LocationId).", null, 0);
        var key = CustomerEmail.Key(email);
        if (key.Length == 0) return new GhlSyncResult(GhlSyncOutcome.Skipped, "No email to sync.", null, 0);
        var claim = await claims.ClaimAsync(key, ct);
        if (claim is null) return new GhlSyncResult(GhlSyncResult.Busy, "A sync of this customer is running; try again in a moment.", null, 0);
        return await RunAsync(claim, log, ct);
    }

    /// <summary>Runs a claimed row to its end (the worker's path) and records the attempt.</summary>
    public async Task<GhlSyncResult> RunAsync(GhlClaim claim, GhlCallLog log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(log);
        var progress = new GhlApplyProgress(claim);
        using var lease = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Token);
        var renewal = KeepLeaseAsync(claim, lease, linked.Token);
        GhlAttemptEnd end;
        try
        {
            end = await ApplyAsync(claim, progress, log, linked.Token);
        }
        catch (OperationCanceledException) when (lease.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            logger.LogWarning("GHL sync lost its lease to another worker after {Requests} requests; that worker finishes it", log.Calls.Count);
            return new GhlSyncResult(GhlSyncResult.Busy, "Another worker took this customer over.", null, log.Calls.Count);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await claims.ReleaseAsync(claim, CancellationToken.None);
            throw;
        }
        catch (GhlApiException ex)
        {
            // A refused request may mean the location changed (a field or stage deleted): look the ids up again.
            if (ex.StatusCode is 400 or 404 or 422) map.Invalidate();
            end = new GhlAttemptEnd(GhlSyncOutcome.Retrying, null, ex.Message, ex.StatusCode, ex.IsTransient, ex.RetryAfter);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Our side (the database, a bug): retried like an outage; the type and message only, never customer data.
            logger.LogError(ex, "GHL sync attempt failed");
            end = new GhlAttemptEnd(GhlSyncOutcome.Retrying, null, $"Serp Admin error: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            await lease.CancelAsync();
            await renewal;
        }

        var outcome = await recorder.FinishAsync(claim, progress, end, log, CancellationToken.None);
        if (outcome is GhlSyncOutcome.Failed)
        {
            logger.LogWarning("GHL sync failed for good after {Attempts} attempts (HTTP {Status}): {Error}", claim.Attempts, end.HttpStatus, end.Note);
        }
        return new GhlSyncResult(outcome, end.Note, end.HttpStatus, log.Calls.Count);
    }

    private async Task<GhlAttemptEnd> ApplyAsync(GhlClaim claim, GhlApplyProgress progress, GhlCallLog log, CancellationToken ct)
    {
        GhlCustomerFacts? facts;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            facts = await GhlCustomerFactsLoader.LoadAsync(db, claim.Email, ct);
        }
        if (facts is null) return new GhlAttemptEnd(GhlSyncOutcome.Skipped, null, "No order or abandoned checkout has this email: nothing to send.");
        if (facts.IsDemo) return new GhlAttemptEnd(GhlSyncOutcome.Skipped, null, "Demo customer (made by the demo data generator): never sent to GHL.");

        var desired = GhlDesiredState.Build(facts, catalog);
        var hash = GhlDesiredState.Hash(desired);
        if (!claim.ForcePush && claim.ContactId is not null && claim.SyncedHash == hash)
        {
            return new GhlAttemptEnd(GhlSyncOutcome.Unchanged, hash, null);
        }
        await applier.ApplyAsync(desired, progress, log, ct);
        return new GhlAttemptEnd(GhlSyncOutcome.Succeeded, hash, progress.Problems.Count == 0 ? null : string.Join(" ", progress.Problems));
    }

    /// <summary>Renews the lease every third of its length; cancels <paramref name="lease"/> if another worker took it over.</summary>
    private async Task KeepLeaseAsync(GhlClaim claim, CancellationTokenSource lease, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.Lease / 3, time, ct);
                if (!await claims.RenewAsync(claim, ct))
                {
                    await lease.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The sync ended (or the app is stopping).
        }
#pragma warning disable CA1031 // A renewal that fails (database briefly away) must not end the sync: the lease may still hold.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Could not renew a GHL sync lease");
        }
    }
}
