using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Domain.Data;
using Serp.Domain.Monitoring;

namespace Serp.Admin.Features.Monitoring.Alerts.Rules;

/// <summary>
/// Orders of the last hour against the same hour of the week over the trailing 4 weeks: far below is the classic
/// broken-checkout signal, far above a promotion or a fraud run. Quiet where the baseline itself is near zero, and
/// where the difference is one that chance alone brings often enough (<see cref="OrderVolumeRuleOptions.MaxChance"/>).
/// </summary>
public sealed class OrderVolumeRule(IOptionsMonitor<AlertsOptions> options) : IAlertRule
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    // The last hour is one of five equal draws (itself and the same hour of 4 weeks) if nothing changed.
    private const double SameHourShare = 1 / 5.0;

    public string Name => AlertRules.OrderVolume;

    public AlertRuleOptions Options => Settings;

    private OrderVolumeRuleOptions Settings => options.CurrentValue.Rules.OrderVolume;

    public async Task<IReadOnlyList<AlertCondition>> CheckAsync(SerpDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var current = await CountAsync(db, now, ct);
        var weeks = 0L;
        for (var week = 1; week <= 4; week++) weeks += await CountAsync(db, now.AddDays(-7 * week), ct);
        var baseline = weeks / 4.0;
        var settings = Settings;
        if (baseline < settings.MinBaseline) return [];

        var window = $"{(now - Hour).UtcDateTime:ddd HH:mm}–{now.UtcDateTime:HH:mm} UTC";
        var usual = baseline.ToString("0.#", CultureInfo.InvariantCulture);
        var total = current + weeks;
        if (current < baseline * settings.LowRatio && BinomialTail.AtMost(current, total, SameHourShare) < settings.MaxChance)
        {
            return [new AlertCondition("low", AlertSeverity.Critical,
                $"Only {current} orders in the last hour ({window}); this hour of the week averaged {usual} over the last 4 weeks. " +
                "Checkout may be broken: check provider health and the webhook inbox on /monitoring, then try a purchase.")];
        }
        if (current > baseline * settings.HighRatio && BinomialTail.AtLeast(current, total, SameHourShare) < settings.MaxChance)
        {
            return [new AlertCondition("high", AlertSeverity.Warning,
                $"{current} orders in the last hour ({window}), against {usual} on average for this hour of the week. " +
                "A promotion, or a fraud or duplicate-order run: check the newest orders on /orders.")];
        }
        return [];
    }

    private static Task<int> CountAsync(SerpDbContext db, DateTimeOffset end, CancellationToken ct)
    {
        var start = end - Hour;
        return db.Orders.AsNoTracking().CountAsync(o => o.CreatedAt >= start && o.CreatedAt < end, ct);
    }
}
