using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Domain.Data;
using Serp.Domain.Monitoring;

namespace Serp.Admin.Features.Monitoring.Alerts.Rules;

/// <summary>
/// Per provider: deliveries refused because the sender could not prove it is the provider (a missing or bad
/// signature, a PayPal verification other than SUCCESS), from the persisted per-minute counts.
/// </summary>
public sealed class WebhookVerificationFailuresRule(IOptionsMonitor<AlertsOptions> options) : IAlertRule
{
    public string Name => AlertRules.WebhookVerificationFailures;

    public AlertRuleOptions Options => options.CurrentValue.Rules.WebhookVerificationFailures;

    public async Task<IReadOnlyList<AlertCondition>> CheckAsync(SerpDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settings = options.CurrentValue.Rules.WebhookVerificationFailures;
        var since = now - settings.Window;
        var reasons = WebhookRefusalReasons.VerificationFailures.ToArray();
        var counts = await db.WebhookRefusals.AsNoTracking()
            .Where(r => r.Minute >= since && r.Minute <= now && reasons.Contains(r.Reason))
            .GroupBy(r => r.Provider).Select(g => new { Provider = g.Key, Count = g.Sum(r => r.Count) })
            .ToListAsync(ct);
        return [.. counts.Where(c => c.Count >= settings.Threshold).OrderBy(c => c.Provider, StringComparer.Ordinal)
            .Select(c => new AlertCondition(c.Provider, AlertSeverity.Critical,
                $"{c.Count} {ProviderNames.Of(c.Provider)} webhook deliveries failed verification in the last " +
                $"{Duration.Words(settings.Window)}: a wrong webhook secret (after a rotation?) or someone posting forged events. " +
                "Compare the secret in the provider's dashboard with the configuration, and see refused deliveries on /monitoring."))];
    }
}
