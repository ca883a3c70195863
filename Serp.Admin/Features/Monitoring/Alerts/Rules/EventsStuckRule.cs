using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Domain.Data;
using Serp.Domain.Monitoring;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Features.Monitoring.Alerts.Rules;

/// <summary>Webhook events that failed for good (waiting for a replay), and events waiting too long to be processed.</summary>
public sealed class EventsStuckRule(IOptionsMonitor<AlertsOptions> options) : IAlertRule
{
    public string Name => AlertRules.EventsStuck;

    public AlertRuleOptions Options => options.CurrentValue.Rules.EventsStuck;

    public async Task<IReadOnlyList<AlertCondition>> CheckAsync(SerpDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settings = options.CurrentValue.Rules.EventsStuck;
        List<AlertCondition> firing = [];

        var failed = await db.WebhookEvents.AsNoTracking().CountAsync(e => e.Status == WebhookEventStatus.Failed, ct);
        if (failed > 0)
        {
            firing.Add(new AlertCondition("failed", AlertSeverity.Critical,
                $"{failed} webhook {(failed == 1 ? "event has" : "events have")} failed after every retry and wait for a replay: " +
                "their orders, refunds or disputes are missing. Read the last error in the webhook inbox on /monitoring, fix the cause, then replay."));
        }

        var cutoff = now - settings.WaitingFor;
        // The queue index serves status = 'received' in id order; arrival order follows id.
        var oldest = await db.WebhookEvents.AsNoTracking()
            .Where(e => e.Status == WebhookEventStatus.Received).OrderBy(e => e.Id)
            .Select(e => (DateTimeOffset?)e.ReceivedAt).FirstOrDefaultAsync(ct);
        if (oldest is { } at && at < cutoff)
        {
            var waiting = await db.WebhookEvents.AsNoTracking()
                .CountAsync(e => e.Status == WebhookEventStatus.Received && e.ReceivedAt < cutoff, ct);
            firing.Add(new AlertCondition("waiting", AlertSeverity.Warning,
                $"{waiting} webhook {(waiting == 1 ? "event has" : "events have")} waited more than {Duration.Words(settings.WaitingFor)} " +
                $"(the oldest {(now - at).TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} minutes): processing is behind or retrying. " +
                "See the webhook inbox on /monitoring for their attempts and last error."));
        }
        return firing;
    }
}
