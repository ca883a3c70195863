using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Admin.Features.Monitoring.Ghl;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;
using Serp.Domain.Monitoring;

namespace Serp.Admin.Features.Monitoring.Alerts.Rules;

/// <summary>The GHL outbox: customers due for a sync piling up, and GHL answering 429 more than the budget should allow.</summary>
public sealed class GhlBacklogRule(IOptionsMonitor<AlertsOptions> options) : IAlertRule
{
    public string Name => AlertRules.GhlBacklog;

    public AlertRuleOptions Options => options.CurrentValue.Rules.GhlBacklog;

    public async Task<IReadOnlyList<AlertCondition>> CheckAsync(SerpDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settings = options.CurrentValue.Rules.GhlBacklog;
        List<AlertCondition> firing = [];

        var backlog = await db.GhlSync.AsNoTracking()
            .CountAsync(s => s.Status == GhlSyncStatus.Pending && s.NextAttemptAt <= now, ct);
        if (backlog > settings.MaxBacklog)
        {
            firing.Add(new AlertCondition("backlog", AlertSeverity.Warning,
                $"{backlog} customers are due for a GHL sync (more than {settings.MaxBacklog}): GoHighLevel is falling behind. " +
                "See throughput and errors on /ghl."));
        }

        var since = now - settings.Window;
        var rateLimited = await GhlRateLimited.CountAsync(db, since, now, ct);
        if (rateLimited > settings.Max429)
        {
            firing.Add(new AlertCondition("rate_limited", AlertSeverity.Warning,
                $"GHL answered 429 (rate limited) {rateLimited} times in the last {Duration.Words(settings.Window)}: another app shares the " +
                "location's limit, or Ghl:RequestsPer10Seconds is set too high. See the error rate on /ghl."));
        }
        return firing;
    }
}
