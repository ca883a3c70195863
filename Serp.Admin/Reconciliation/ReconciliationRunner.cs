using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Serp.Admin.Webhooks;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Audit;
using Serp.Domain.Data;
using Serp.Domain.Purchases;

namespace Serp.Admin.Reconciliation;

/// <summary>
/// Recovers what webhooks missed (flow 3), for every provider the same way: lists each of the provider's listings
/// since its cursor (minus the overlap), applies each object through the same <see cref="PurchaseLedger"/> as webhooks
/// in a transaction of its own, stores listed events the inbox lacks, and puts an object that cannot be applied into
/// the inbox as <c>failed</c> (replayable) instead of stopping or pinning the cursor. One run at a time per provider
/// across every instance (an advisory lock); a second caller is told so, it does not wait. Every run is recorded.
/// </summary>
public sealed class ReconciliationRunner(
    IEnumerable<IReconciliationSource> sources,
    NpgsqlDataSource dataSource,
    IDbContextFactory<SerpDbContext> dbFactory,
    PurchaseLedger ledger,
    WebhookInbox inbox,
    WebhookSignal signal,
    ReconciliationRuns runs,
    TimeProvider time,
    ILogger<ReconciliationRunner> logger)
{
    public const string ScheduleActor = "system:schedule";

    // The (int, int) advisory-lock keys are a space apart from the bigint keys of the purchase locks: no collision.
    private const int LockClass = 0x53455250; // "SERP"

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public IReadOnlyList<IReconciliationSource> Sources { get; } = [.. sources];

    /// <summary>The audit action of a manual run, e.g. <c>stripe.reconcile</c>.</summary>
    public static string AuditAction(string provider) => provider + ".reconcile";

    /// <summary>"Reconcile now": every configured provider, one after the other, each written to the audit log.</summary>
    public async Task<IReadOnlyList<ReconciliationResult>> RunAllAsync(string actor, CancellationToken ct)
    {
        var results = new List<ReconciliationResult>();
        foreach (var source in Sources.Where(s => s.IsConfigured)) results.Add(await ExecuteAsync(source, actor, audited: true, ct));
        return results;
    }

    /// <summary>A run of one provider started by a staff member: written to the audit log.</summary>
    public Task<ReconciliationResult> RunAsync(string provider, string actor, CancellationToken ct) =>
        ExecuteAsync(Source(provider), actor, audited: true, ct);

    /// <summary>A scheduled run: logged and recorded, not audited.</summary>
    internal Task<ReconciliationResult> RunScheduledAsync(IReconciliationSource source, CancellationToken ct) =>
        ExecuteAsync(source, ScheduleActor, audited: false, ct);

    private IReconciliationSource Source(string provider) => Sources.FirstOrDefault(s => s.Provider == provider)
        ?? throw new ArgumentException($"No reconciliation source is registered for '{provider}'.", nameof(provider));

    private async Task<ReconciliationResult> ExecuteAsync(IReconciliationSource source, string actor, bool audited, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var result = await RunExclusiveAsync(source, ct);
        result = result with { Provider = source.Provider, StartedAt = startedAt, Elapsed = time.GetElapsedTime(started) };
        LogSummary(result, audited ? "manual" : "scheduled");
        // A run that never started (not configured, another one holds the lock) is not a run to show or audit twice.
        if (result.Outcome is not (ReconciliationOutcome.NotConfigured or ReconciliationOutcome.AlreadyRunning))
        {
            await RecordAsync(result, audited ? actor : ScheduleActor, ct);
        }
        if (audited) await AuditAsync(actor, result, ct);
        return result;
    }

    private async Task<ReconciliationResult> RunExclusiveAsync(IReconciliationSource source, CancellationToken ct)
    {
        var name = ProviderName(source.Provider);
        if (!source.IsConfigured)
        {
            return new ReconciliationResult
            {
                Outcome = ReconciliationOutcome.NotConfigured,
                Message = $"{name} is not configured: reconciliation did not call it.",
            };
        }

        var run = new RunProgress();
        try
        {
            // The lock belongs to a transaction on a connection of its own, held for the whole run: it ends with the
            // transaction however the run ends (or the process dies), and no pooled connection keeps it by mistake.
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            if (!await TryLockAsync(connection, transaction, source.Provider, ct))
            {
                return new ReconciliationResult
                {
                    Outcome = ReconciliationOutcome.AlreadyRunning,
                    Message = $"Another {name} reconciliation run is in progress (on this or another instance); nothing was done.",
                };
            }

            foreach (var listing in source.Listings) await ReconcileAsync(source, listing, run, ct);
            var failed = run.Tallies.Sum(t => t.Failed);
            return failed == 0
                ? run.Result(ReconciliationOutcome.Completed, string.Create(CultureInfo.InvariantCulture,
                    $"Reconciled: {run.Tallies.Sum(t => t.Applied)} objects applied, {run.Tallies.Sum(t => t.Queued)} undelivered events queued."))
                : run.Result(ReconciliationOutcome.CompletedWithFailures, string.Create(CultureInfo.InvariantCulture,
                    $"Reconciled with {failed} objects that could not be applied: they are in the webhook inbox as failed, with the error, to replay from /monitoring."));
        }
        catch (ReconciliationListingException ex)
        {
            return run.Result(ex.RateLimited ? ReconciliationOutcome.RateLimited : ReconciliationOutcome.Failed, ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return run.Result(ReconciliationOutcome.Failed, $"{name} could not be reached while listing {run.Current}: {ex.Message}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return run.Result(ReconciliationOutcome.Failed, $"{name} did not answer in time while listing {run.Current}.");
        }
        // Not a cancelled HTTP call: its inner SocketException would look like a lost database.
        catch (Exception ex) when (ex is not OperationCanceledException && DatabaseFailures.IsUnavailable(ex))
        {
            return run.Result(ReconciliationOutcome.Failed, run.Current.Length == 0
                ? $"The database is unavailable ({ex.GetType().Name}): {name} was not reconciled."
                : $"The database became unavailable while reconciling {name} {run.Current}: {ex.GetType().Name}.");
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string provider, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock($1, $2)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockClass });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes("reconciliation:" + provider)), 0) });
        return await command.ExecuteScalarAsync(ct) is true;
    }

    private async Task ReconcileAsync(IReconciliationSource source, string listing, RunProgress run, CancellationToken ct)
    {
        var tally = run.Start(listing);
        var cursorName = $"{source.Provider}:{listing}";
        var startedAt = time.GetUtcNow();
        var from = await ReadCursorAsync(cursorName, ct) is { } position ? position - source.Overlap : startedAt - source.InitialLookback;
        DateTimeOffset? newest = null;

        await foreach (var item in source.ListAsync(listing, from, ct))
        {
            tally.Listed++;
            newest = newest is { } n && n >= item.Created ? n : item.Created;
            if (item.Facts is null)
            {
                tally.Events++;
                // The event as the provider rendered it goes through the inbox, so the processor applies it exactly like a delivery.
                if (!await inbox.StoreAsync(item.Event, ct)) continue;
                tally.Queued++;
                signal.Ring();
                continue;
            }
            try
            {
                var facts = item.Facts();
                if (facts.Count == 0)
                {
                    tally.Skipped++;
                    continue;
                }
                await ApplyAsync(facts, ct);
                tally.Applied++;
            }
#pragma warning disable CA1031 // One object that cannot be applied must not stop the others: it goes to the inbox as failed.
            catch (Exception ex) when (!IsFatal(ex, ct))
#pragma warning restore CA1031
            {
                tally.Failed++;
                var error = $"Reconciliation could not apply {listing} {item.Id}: {ex.GetType().Name}: {ex.Message}";
                await inbox.StoreFailedAsync(item.Event, error, ct);
                logger.LogWarning("{Provider} reconciliation could not apply {Listing} {ObjectId}; stored as a failed inbox event: {Error}",
                    source.Provider, listing, item.Id, $"{ex.GetType().Name}: {ex.Message}");
            }
        }

        // Listings may come newest first, so the cursor moves only once the whole listing is done; an empty listing
        // moves it to this run's start. A failed object is in the inbox, so it no longer holds the cursor back.
        tally.Cursor = newest ?? startedAt;
        await SaveCursorAsync(cursorName, tally.Cursor.Value, tally.Summary(), ct);
    }

    /// <summary>
    /// One transaction per object: the ledger holds the purchase's advisory lock until commit, so a page-sized
    /// transaction would block webhook processing of up to 100 purchases for its whole length, and one bad object
    /// would undo its neighbours.
    /// </summary>
    private async Task ApplyAsync(IReadOnlyList<PurchaseFact> facts, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var fact in facts) await ledger.ApplyAsync(db, fact, ct);
        await transaction.CommitAsync(ct);
    }

    private static bool IsFatal(Exception error, CancellationToken ct) => error is OperationCanceledException
        ? ct.IsCancellationRequested
        : DatabaseFailures.IsUnavailable(error);

    private async Task<DateTimeOffset?> ReadCursorAsync(string name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SyncCursors.AsNoTracking()
            .Where(c => c.Name == name)
            .Select(c => (DateTimeOffset?)c.Position)
            .SingleOrDefaultAsync(ct);
    }

    private async Task SaveCursorAsync(string name, DateTimeOffset position, string lastResult, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO sync_cursors (name, position, updated_at, last_result) VALUES ({name}, {position}, {now}, {lastResult})
            ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at, last_result = EXCLUDED.last_result
            """, ct);
    }

    /// <summary>The run's record for /monitoring; the database being down then is said in the log, not thrown.</summary>
    private async Task RecordAsync(ReconciliationResult result, string actor, CancellationToken ct)
    {
        try
        {
            await runs.RecordAsync(result, actor, time.GetUtcNow(), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && DatabaseFailures.IsUnavailable(ex))
        {
            logger.LogWarning("The {Provider} reconciliation run could not be recorded: {Error}", result.Provider, ex.GetType().Name);
        }
    }

    private async Task AuditAsync(string actor, ReconciliationResult result, CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.AuditLog.Add(new AuditEntry
            {
                At = time.GetUtcNow(),
                Actor = actor,
                Action = AuditAction(result.Provider),
                TargetType = result.Provider,
                Details = JsonSerializer.SerializeToDocument(new
                {
                    result.Message,
                    result.Resources,
                    result.EventsListed,
                    result.EventsQueued,
                    ElapsedMs = (long)result.Elapsed.TotalMilliseconds,
                }, AuditJson),
                Outcome = result.OutcomeCode,
            });
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && DatabaseFailures.IsUnavailable(ex))
        {
            logger.LogWarning("The {Provider} reconciliation run by {Actor} could not be audited: {Error}", result.Provider, actor, ex.GetType().Name);
        }
    }

    // Counts and ids only: customer emails and names never reach the log.
    private void LogSummary(ReconciliationResult result, string trigger)
    {
        var level = result.Outcome switch
        {
            ReconciliationOutcome.Completed or ReconciliationOutcome.AlreadyRunning or ReconciliationOutcome.NotConfigured => LogLevel.Information,
            ReconciliationOutcome.CompletedWithFailures or ReconciliationOutcome.RateLimited => LogLevel.Warning,
            _ => LogLevel.Error,
        };
        var counts = string.Join("; ", result.Resources.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Resource}: {r.Listed} listed, {r.Applied} applied, {r.Queued} queued, {r.Skipped} skipped, {r.Failed} failed")));
        logger.Log(level, "{Provider} reconciliation ({Trigger}) {Outcome} in {ElapsedMs} ms. {Counts}. {Message}",
            result.Provider, trigger, result.OutcomeCode, (long)result.Elapsed.TotalMilliseconds,
            counts.Length == 0 ? "nothing listed" : counts, result.Message);
    }

    /// <summary>The provider as operators read it, for messages.</summary>
    public static string ProviderName(string provider) => provider switch
    {
        Domain.Orders.PaymentSource.Stripe => "Stripe",
        Domain.Orders.PaymentSource.PayPal => "PayPal",
        _ => provider,
    };

    private sealed class ListingTally(string listing)
    {
        public int Listed { get; set; }
        public int Events { get; set; }
        public int Applied { get; set; }
        public int Queued { get; set; }
        public int Skipped { get; set; }
        public int Failed { get; set; }
        public DateTimeOffset? Cursor { get; set; }

        public string Summary() => string.Create(CultureInfo.InvariantCulture,
            $"listed {Listed}, applied {Applied}, queued {Queued}, skipped {Skipped}, failed {Failed}");

        public ResourceReconciliation ToResult() => new(listing, Listed, Applied, Skipped, Failed, Cursor) { Events = Events, Queued = Queued };
    }

    private sealed class RunProgress
    {
        public List<ListingTally> Tallies { get; } = [];
        public string Current { get; private set; } = "";

        public ListingTally Start(string listing)
        {
            Current = listing;
            var tally = new ListingTally(listing);
            Tallies.Add(tally);
            return tally;
        }

        public ReconciliationResult Result(ReconciliationOutcome outcome, string message) => new()
        {
            Outcome = outcome,
            Message = message,
            Resources = [.. Tallies.Select(t => t.ToResult())],
        };
    }
}
