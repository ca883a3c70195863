using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Admin.Integrations.Slack;
using Serp.Domain.Data;
using Serp.Domain.Monitoring;

namespace Serp.Admin.Features.Monitoring.Alerts;

/// <summary>
/// Sends what the alerts owe Slack: one message when an alert opens and one when it resolves, each marked as sent
/// on the alert row, never one per evaluation. A failed call is retried with backoff (30 s doubling to 15 min) by
/// later passes, apart from the rules. One sender at a time across instances (a transaction-scoped advisory lock),
/// so two instances never send the same message; a crash between the call and the commit may send it again.
/// </summary>
public sealed class AlertNotifier(
    IDbContextFactory<SerpDbContext> dbFactory,
    SlackClient slack,
    IOptionsMonitor<AlertsOptions> options,
    TimeProvider time,
    ILogger<AlertNotifier> logger)
{
    private const long LockKey = 0x616c6572742d73; // "alert-s"
    private const int BatchSize = 20;

    public bool IsConfigured => SlackUrl is not null;

    private Uri? SlackUrl => Uri.TryCreate(options.CurrentValue.SlackWebhookUrl, UriKind.Absolute, out var url) ? url : null;

    /// <summary>Sends the messages due now; returns how many were sent (0 also when another instance is sending).</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        if (SlackUrl is not { } url) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(ct);
        if (!locked) return 0;

        var now = time.GetUtcNow();
        var due = await db.Alerts
            .Where(a => a.OpenNotifiedAt == null || (a.ResolvedAt != null && a.ResolveNotifiedAt == null))
            .Where(a => a.NotifyNextAt == null || a.NotifyNextAt <= now)
            .OrderBy(a => a.Id).Take(BatchSize).ToListAsync(ct);
        var sent = 0;
        try
        {
            foreach (var alert in due)
            {
                // The opening first, even when the alert resolved meanwhile: one message each, in order.
                var opening = alert.OpenNotifiedAt is null;
                try
                {
                    await slack.PostAsync(url, opening ? AlertMessages.Opened(alert) : AlertMessages.Resolved(alert), ct);
                    if (opening) alert.OpenNotifiedAt = time.GetUtcNow();
                    else alert.ResolveNotifiedAt = time.GetUtcNow();
                    alert.NotifyAttempts = 0;
                    alert.NotifyNextAt = null;
                    alert.NotifyError = null;
                    sent++;
                }
                catch (SlackException ex)
                {
                    alert.NotifyAttempts++;
                    alert.NotifyNextAt = now + Backoff(alert.NotifyAttempts);
                    alert.NotifyError = ex.Message;
                    logger.LogWarning("Slack message for alert {AlertId} ({Rule}) failed (attempt {Attempts}): {Error}; retry at {NextAttempt}",
                        alert.Id, alert.Rule, alert.NotifyAttempts, ex.Message, alert.NotifyNextAt);
                }
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        finally
        {
            // What was sent stays sent even when a later call is cut short (shutdown): committed regardless.
            await transaction.CommitAsync(CancellationToken.None);
        }
        return sent;
    }

    internal static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, Math.Min(attempts - 1, 10)), 900));
}
