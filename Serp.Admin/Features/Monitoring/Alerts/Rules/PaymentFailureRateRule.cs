using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Domain.Data;
using Serp.Domain.Monitoring;

namespace Serp.Admin.Features.Monitoring.Alerts.Rules;

/// <summary>
/// Per provider: failed payment attempts against attempts (failures plus paid orders) in the window, when the rate
/// is both high and well above the provider's own rate over the trailing 7 days.
/// </summary>
public sealed class PaymentFailureRateRule(IOptionsMonitor<AlertsOptions> options) : IAlertRule
{
    public string Name => AlertRules.PaymentFailureRate;

    public AlertRuleOptions Options => options.CurrentValue.Rules.PaymentFailureRate;

    public async Task<IReadOnlyList<AlertCondition>> CheckAsync(SerpDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settings = options.CurrentValue.Rules.PaymentFailureRate;
        var start = now - settings.Window;
        var baselineStart = start.AddDays(-7);
        var recent = await TallyAsync(db, start, now, ct);
        var before = await TallyAsync(db, baselineStart, start, ct);

        List<AlertCondition> firing = [];
        foreach (var (source, (failed, paid)) in recent.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var attempts = failed + paid;
            if (attempts < settings.MinAttempts) continue;
            var rate = (double)failed / attempts;
            var usual = before.TryGetValue(source, out var b) && b.Failed + b.Paid > 0 ? (double)b.Failed / (b.Failed + b.Paid) : 0;
            if (rate < settings.Rate || rate < usual * settings.BaselineFactor) continue;
            firing.Add(new AlertCondition(source, AlertSeverity.Critical,
                $"{ProviderNames.Of(source)}: {failed} of {attempts} payment attempts failed in the last {Duration.Words(settings.Window)} " +
                $"({rate.ToString("P0", CultureInfo.InvariantCulture)}; {usual.ToString("P0", CultureInfo.InvariantCulture)} over the previous 7 days). " +
                "Check the failure codes on the order timelines and the provider's status page."));
        }
        return firing;
    }

    private static async Task<Dictionary<string, (int Failed, int Paid)>> TallyAsync(
        SerpDbContext db, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var failed = await db.PaymentFailures.AsNoTracking()
            .Where(f => f.OccurredAt >= start && f.OccurredAt < end)
            .GroupBy(f => f.Source).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);
        // Orders by creation (indexed) that got paid: a paid order is one successful attempt.
        var paid = await db.Orders.AsNoTracking()
            .Where(o => o.CreatedAt >= start && o.CreatedAt < end && o.PaidAt != null)
            .GroupBy(o => o.Source).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);
        return failed.Keys.Union(paid.Keys, StringComparer.Ordinal).ToDictionary(
            source => source,
            source => (failed.GetValueOrDefault(source), paid.GetValueOrDefault(source)),
            StringComparer.Ordinal);
    }
}
