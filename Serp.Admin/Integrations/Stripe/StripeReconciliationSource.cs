using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Serp.Admin.Webhooks;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Audit;
using Serp.Domain.Data;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;
using Stripe;

namespace Serp.Admin.Integrations.Stripe;

/// <summary>
/// Recovers what webhooks missed (flow 3): lists the checkout sessions, charges, refunds and disputes created since
/// each resource's cursor (minus an overlap) and applies them through the same <see cref="PurchaseLedger"/> as
/// webhooks, then queues the events Stripe failed to deliver in the last 30 days into the inbox. One run at a time
/// across every instance (an advisory lock); a second caller is told so, it does not wait.
/// </summary>
public sealed class StripeReconciliation(
    StripeClientFactory clients,
    NpgsqlDataSource dataSource,
    IDbContextFactory<SerpDbContext> dbFactory,
    PurchaseLedger ledger,
    WebhookInbox inbox,
    WebhookSignal signal,
    IOptionsMonitor<StripeReconciliationOptions> options,
    IOptionsMonitor<StripeRateLimitRetryOptions> retries,
    TimeProvider time,
    ILogger<StripeReconciliation> logger)
{
    public const string ScheduleActor = "system:schedule";
    public const string AuditAction = "stripe.reconcile";

    /// <summary>Stripe keeps events for 30 days.</summary>
    public static readonly TimeSpan EventsWindow = TimeSpan.FromDays(30);

    // The (int, int) advisory-lock keys are a space apart from the bigint keys of the purchase locks: no collision.
    private const int LockClass = 0x53455250; // "SERP"
    private const int LockObject = 1; // Stripe reconciliation

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>A run started by a staff member: written to the audit log.</summary>
    public Task<ReconciliationResult> RunAsync(string actor, CancellationToken ct) => ExecuteAsync(actor, audited: true, ct);

    /// <summary>A scheduled run: logged, and its counts kept in each cursor's last_result, not audited.</summary>
    internal Task<ReconciliationResult> RunScheduledAsync(CancellationToken ct) => ExecuteAsync(ScheduleActor, audited: false, ct);

    private async Task<ReconciliationResult> ExecuteAsync(string actor, bool audited, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var started = time.GetTimestamp();
        var result = await RunExclusiveAsync(ct);
        result = result with { Elapsed = time.GetElapsedTime(started) };
        LogSummary(result, audited ? "manual" : "scheduled");
        if (audited) await AuditAsync(actor, result, ct);
        return result;
    }

    private async Task<ReconciliationResult> RunExclusiveAsync(CancellationToken ct)
    {
        if (!clients.IsConfigured)
        {
            return new ReconciliationResult
            {
                Outcome = ReconciliationOutcome.NotConfigured,
                Message = "Stripe:SecretKey is not set: reconciliation is not configured and Stripe was not called.",
            };
        }

        // The lock belongs to a transaction on a connection of its own, held for the whole run: it ends with the
        // transaction however the run ends (or the process dies), and no pooled connection keeps it by mistake.
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (!await TryLockAsync(connection, transaction, ct))
        {
            return new ReconciliationResult
            {
                Outcome = ReconciliationOutcome.AlreadyRunning,
                Message = "Another reconciliation run is in progress (on this or another instance); nothing was done.",
            };
        }

        var run = new RunProgress();
        try
        {
            var client = clients.Create();
            foreach (var resource in StripeListing.Resources) await ReconcileAsync(client, resource, run, ct);
            await QueueUndeliveredEventsAsync(client, run, ct);
            var failed = run.Tallies.Sum(t => t.Failed);
            return failed == 0
                ? run.Result(ReconciliationOutcome.Completed, string.Create(CultureInfo.InvariantCulture,
                    $"Reconciled: {run.Tallies.Sum(t => t.Applied)} objects applied, {run.EventsQueued} undelivered events queued."))
                : run.Result(ReconciliationOutcome.CompletedWithFailures, string.Create(CultureInfo.InvariantCulture,
                    $"Reconciled with {failed} objects that could not be applied (see the log); their cursors stay before them."));
        }
        catch (StripeException ex) when (ex.HttpStatusCode == HttpStatusCode.TooManyRequests)
        {
            return run.Result(ReconciliationOutcome.RateLimited, string.Create(CultureInfo.InvariantCulture,
                $"Stripe kept answering 429 (rate limited) while listing {run.Current}, after {retries.CurrentValue.MaxRetries} retries; the run stopped and the next one continues from the cursors."));
        }
        catch (StripeException ex)
        {
            return run.Result(ReconciliationOutcome.Failed, string.Create(CultureInfo.InvariantCulture,
                $"Stripe answered {(int)ex.HttpStatusCode} ({ex.StripeError?.Type ?? "error"}) while listing {run.Current}: {ex.StripeError?.Message ?? ex.Message}"));
        }
        catch (HttpRequestException ex)
        {
            return run.Result(ReconciliationOutcome.Failed, $"Stripe could not be reached while listing {run.Current}: {ex.Message}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return run.Result(ReconciliationOutcome.Failed, $"Stripe did not answer in time while listing {run.Current}.");
        }
        // Not a cancelled HTTP call: its inner SocketException would look like a lost database.
        catch (Exception ex) when (ex is not OperationCanceledException && DatabaseFailures.IsUnavailable(ex))
        {
            return run.Result(ReconciliationOutcome.Failed, $"The database became unavailable while reconciling {run.Current}: {ex.GetType().Name}.");
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock($1, $2)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockClass });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockObject });
        return await command.ExecuteScalarAsync(ct) is true;
    }

    private async Task ReconcileAsync(StripeClient client, StripeResource resource, RunProgress run, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var tally = run.Start(resource.Name);
        var startedAt = time.GetUtcNow();
        var from = await ReadCursorAsync(resource.CursorName, ct) is { } position
            ? position - settings.Overlap
            : startedAt - settings.InitialLookback;
        DateTimeOffset? newest = null;
        DateTimeOffset? oldestFailure = null;

        await foreach (var (item, listedAt) in ListAllAsync(after => resource.ListPage(client, new ListQuery(from, settings.PageSize, after), ct)))
        {
            tally.Listed++;
            var created = item.Time("created") ?? from;
            newest = newest is { } n && n >= created ? n : created;
            try
            {
                if (resource.Translate(item, listedAt) is { } fact)
                {
                    await ApplyAsync(fact, ct);
                    tally.Applied++;
                }
                else
                {
                    tally.Skipped++;
                }
            }
#pragma warning disable CA1031 // One object that cannot be applied must not stop the others: it is counted, logged, and pins the cursor.
            catch (Exception ex) when (!IsFatal(ex, ct))
#pragma warning restore CA1031
            {
                tally.Failed++;
                oldestFailure = oldestFailure is { } o && o <= created ? o : created;
                logger.LogWarning("Stripe reconciliation could not apply {Resource} {ObjectId}: {Error}",
                    resource.Name, item.Str("id"), $"{ex.GetType().Name}: {ex.Message}");
            }
        }

        // Lists come newest first, so the cursor moves only once the whole listing is done. A failed object keeps
        // the cursor at its own time so the next run tries it again; an empty listing moves it to this run's start.
        tally.Cursor = oldestFailure ?? newest ?? startedAt;
        await SaveCursorAsync(resource.CursorName, tally.Cursor.Value, tally.Summary(), ct);
    }

    private async Task QueueUndeliveredEventsAsync(StripeClient client, RunProgress run, CancellationToken ct)
    {
        run.Current = "events";
        var since = time.GetUtcNow() - EventsWindow;
        var pageSize = options.CurrentValue.PageSize;
        await foreach (var (item, _) in ListAllAsync(after => StripeListing.UndeliveredEvents(client, new ListQuery(since, pageSize, after), ct)))
        {
            run.EventsListed++;
            if (item.Str("id") is not { } id || item.Str("type") is not { } type) continue;
            // The event as Stripe rendered it goes through the inbox, so the processor applies it exactly like a delivery.
            var incoming = new IncomingEvent(PaymentSource.Stripe, id, type, item.Str("api_version"), item.Bool("livemode") ?? false, item.GetRawText());
            if (!await inbox.StoreAsync(incoming, ct)) continue;
            run.EventsQueued++;
            signal.Ring();
        }
    }

    /// <summary>
    /// Pages with starting_after while has_more. Each object comes with the time its page was requested: a lower
    /// bound of when Stripe took the snapshot, used as the fact's observed time, so a webhook newer than the page
    /// still wins and an older one does not.
    /// </summary>
    private async IAsyncEnumerable<(JsonElement Item, DateTimeOffset ListedAt)> ListAllAsync(Func<string?, Task<StripePage>> listPage)
    {
        string? after = null;
        while (true)
        {
            var listedAt = time.GetUtcNow();
            var page = await listPage(after);
            foreach (var item in page.Items) yield return (item, listedAt);
            if (!page.HasMore || page.Items.Count == 0) yield break;
            after = page.Items[^1].Str("id") ?? throw new StripePayloadException("A listed Stripe object has no id.");
        }
    }

    /// <summary>
    /// One transaction per object: the ledger holds the purchase's advisory lock until commit, so a page-sized
    /// transaction would block webhook processing of up to 100 purchases for its whole length, and one bad object
    /// would undo its neighbours.
    /// </summary>
    private async Task ApplyAsync(PurchaseFact fact, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ledger.ApplyAsync(db, fact, ct);
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

    private async Task AuditAsync(string actor, ReconciliationResult result, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = AuditAction,
            TargetType = "stripe",
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
            $"{r.Resource}: {r.Listed} listed, {r.Applied} applied, {r.Skipped} skipped, {r.Failed} failed")));
        logger.Log(level, "Stripe reconciliation ({Trigger}) {Outcome} in {ElapsedMs} ms. {Counts}. Undelivered events: {EventsListed} listed, {EventsQueued} queued. {Message}",
            trigger, result.OutcomeCode, (long)result.Elapsed.TotalMilliseconds, counts.Length == 0 ? "nothing listed" : counts,
            result.EventsListed, result.EventsQueued, result.Message);
    }

    private sealed class ResourceTally(string resource)
    {
        public int Listed { get; set; }
        public int Applied { get; set; }
        public int Skipped { get; set; }
        public int Failed { get; set; }
        public DateTimeOffset? Cursor { get; set; }

        public string Summary() => string.Create(CultureInfo.InvariantCulture, $"listed {Listed}, applied {Applied}, skipped {Skipped}, failed {Failed}");

        public ResourceReconciliation ToResult() => new(resource, Listed, Applied, Skipped, Failed, Cursor);
    }

    private sealed class RunProgress
    {
        public List<ResourceTally> Tallies { get; } = [];
        public string Current { get; set; } = "";
        public int EventsListed { get; set; }
        public int EventsQueued { get; set; }

        public ResourceTally Start(string resource)
        {
            Current = resource;
            var tally = new ResourceTally(resource);
            Tallies.Add(tally);
            return tally;
        }

        public ReconciliationResult Result(ReconciliationOutcome outcome, string message) => new()
        {
            Outcome = outcome,
            Message = message,
            Resources = [.. Tallies.Select(t => t.ToResult())],
            EventsListed = EventsListed,
            EventsQueued = EventsQueued,
        };
    }
}
