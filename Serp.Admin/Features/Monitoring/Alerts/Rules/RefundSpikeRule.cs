using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Domain.Data;
using Serp.Domain.Monitoring;

namespace Serp.Admin.Features.Monitoring.Alerts.Rules;

/// <summary>Refunds of one offer in the window against that offer's average per window over the trailing 28 days.</summary>
public sealed class RefundSpikeRule(IOptionsMonitor<AlertsOptions> options) : IAlertRule
{
    public string Name => AlertRules.RefundSpike;

    public AlertRuleOptions Options => options.CurrentValue.Rules.RefundSpike;

    public async Task<IReadOnlyList<AlertCondition>> CheckAsync(SerpDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settings = options.CurrentValue.Rules.RefundSpike;
        var start = now - settings.Window;
        var baselineStart = start.AddDays(-28);
        var recent = await PerOfferAsync(db, start, now, ct);
        if (recent.Count == 0) return [];
        var before = await PerOfferAsync(db, baselineStart, start, ct);
        var windows = TimeSpan.FromDays(28) / settings.Window;

        List<AlertCondition> firing = [];
        foreach (var (offer, count) in recent.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (count < settings.MinRefunds) continue;
            var usual = before.GetValueOrDefault(offer) / windows;
            if (count < usual * settings.Factor) continue;
            firing.Add(new AlertCondition(offer, AlertSeverity.Warning,
                $"{count} refunds of offer {offer} in the last {Duration.Words(settings.Window)}, against " +
                $"{usual.ToString("0.#", CultureInfo.InvariantCulture)} on average over the previous 28 days. " +
                "A broken download, a bad release or a dispute wave: read the refund reasons on /refunds."));
        }
        return firing;
    }

    private static Task<Dictionary<string, int>> PerOfferAsync(SerpDbContext db, DateTimeOffset start, DateTimeOffset end, CancellationToken ct) =>
        db.Refunds.AsNoTracking()
            .Where(r => r.CreatedAt >= start && r.CreatedAt < end && r.OrderId != null)
            .Join(db.Orders, r => r.OrderId, o => o.Id, (r, o) => o.OfferId)
            .Where(offer => offer != null)
            .GroupBy(offer => offer!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);
}
