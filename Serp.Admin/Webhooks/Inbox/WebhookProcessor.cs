using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Domain.Data;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Webhooks.Inbox;

/// <summary>
/// Works off the inbox: each event is taken with FOR UPDATE SKIP LOCKED (safe with any number of loops and
/// instances), applied in one transaction with its status change, and on failure retried with exponential backoff
/// until it is marked failed for a human to replay.
/// </summary>
public sealed class WebhookProcessor(
    IDbContextFactory<SerpDbContext> dbFactory,
    IEnumerable<IWebhookHandler> handlers,
    WebhookSignal signal,
    WebhookMetrics metrics,
    IOptions<WebhookProcessingOptions> options,
    TimeProvider time,
    ILogger<WebhookProcessor> logger)
{
    private readonly Dictionary<string, IWebhookHandler> byProvider = handlers.ToDictionary(h => h.Provider, StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!await ProcessNextAsync(ct)) await signal.WaitAsync(options.Value.PollInterval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive a lost database connection; it logs and waits.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Webhook processing loop failed; retrying shortly");
                await PauseAsync(ct);
            }
        }
    }

    private async Task PauseAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(options.Value.PollInterval, time, ct);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    /// <summary>
    /// Tries in a row when another loop changed the same purchase first (the orders' <c>xmin</c> token refused our
    /// write): the purchase lock keeps most facts of a purchase apart, but two facts that name no common id (a PayPal
    /// approval names the order, a refund only the capture) can still meet on the order row. Applying again at once,
    /// on what the other committed, converges; only a conflict that keeps coming back is a failure with backoff.
    /// </summary>
    private const int ConflictTries = 3;

    private enum Pass
    {
        Idle,
        Done,
        Conflict,
    }

    /// <summary>Processes the next due event, if any. Returns false when there was nothing to do.</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var pass = await ProcessOnceAsync(lastTry: attempt == ConflictTries, ct);
            if (pass != Pass.Conflict) return pass == Pass.Done;
        }
    }

    private async Task<Pass> ProcessOnceAsync(bool lastTry, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Any failure rolls back the whole transaction below, so EF's savepoint around each SaveChanges would never be
        // rolled back to: it would only cost two round trips per SaveChanges (4 of ~16 per event, bench/RESULTS.md).
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var next = await db.WebhookEvents
            .FromSql($"""
                SELECT * FROM webhook_events
                WHERE status = 'received' AND (next_attempt_at IS NULL OR next_attempt_at <= {now})
                ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
                """)
            .SingleOrDefaultAsync(ct);
        if (next is null) return Pass.Idle;

        try
        {
            var outcome = byProvider.TryGetValue(next.Provider, out var handler)
                ? await handler.HandleAsync(db, next, ct)
                : HandleOutcome.Ignored;
            next.Status = outcome == HandleOutcome.Ignored ? WebhookEventStatus.Ignored : WebhookEventStatus.Processed;
            next.Attempts++;
            next.LastError = null;
            next.NextAttemptAt = null;
            next.ProcessedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            metrics.Processed(next.Provider, next.Status, next.ProcessedAt.GetValueOrDefault() - next.ReceivedAt);
            return Pass.Done;
        }
        catch (DbUpdateConcurrencyException) when (!lastTry)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            logger.LogInformation("Webhook event {Provider} {EventId} ({EventType}) met a concurrent change of its purchase; applying it again",
                next.Provider, next.EventId, next.EventType);
            return Pass.Conflict;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            var outcome = await RecordFailureAsync(next.Id, ex, CancellationToken.None);
            metrics.Processed(next.Provider, outcome, time.GetUtcNow() - next.ReceivedAt);
            return Pass.Done;
        }
    }

    private async Task<string> RecordFailureAsync(long id, Exception error, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.WebhookEvents.SingleAsync(e => e.Id == id, ct);
        row.Attempts++;
        row.LastError = Describe(error);
        var settings = options.Value;
        if (row.Attempts >= settings.MaxAttempts)
        {
            row.Status = WebhookEventStatus.Failed;
            row.NextAttemptAt = null;
            logger.LogError(error, "Webhook event {Provider} {EventId} ({EventType}) failed {Attempts} times; waiting for a replay",
                row.Provider, row.EventId, row.EventType, row.Attempts);
        }
        else
        {
            row.NextAttemptAt = time.GetUtcNow() + settings.BackoffAfter(row.Attempts);
            logger.LogWarning("Webhook event {Provider} {EventId} ({EventType}) failed (attempt {Attempts}): {Error}; retry at {NextAttempt}",
                row.Provider, row.EventId, row.EventType, row.Attempts, row.LastError, row.NextAttemptAt);
        }
        await db.SaveChangesAsync(ct);
        return row.Status == WebhookEventStatus.Failed ? WebhookEventStatus.Failed : "retrying";
    }

    // The type and message only: payloads and customer data stay out of the error column and the logs.
    private static string Describe(Exception error)
    {
        var text = $"{error.GetType().Name}: {error.Message}";
        return text.Length > 1000 ? text[..1000] : text;
    }
}
