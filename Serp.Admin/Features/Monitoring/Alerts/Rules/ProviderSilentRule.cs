using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Domain.Data;
using Serp.Domain.Monitoring;
using Serp.Domain.Orders;

namespace Serp.Admin.Features.Monitoring.Alerts.Rules;

/// <summary>
/// A provider in use (it sent events in the trailing 4 weeks, enough of them to expect some by now) that has sent
/// nothing for <see cref="ProviderSilentRuleOptions.SilentFor"/> while the other provider did: its webhooks are
/// likely down, not the store. Both silent is the order-volume rule's business.
/// </summary>
public sealed class ProviderSilentRule(IOptionsMonitor<AlertsOptions> options) : IAlertRule
{
    private static readonly string[] Providers = [PaymentSource.Stripe, PaymentSource.PayPal];

    public string Name => AlertRules.ProviderSilent;

    public AlertRuleOptions Options => options.CurrentValue.Rules.ProviderSilent;

    public async Task<IReadOnlyList<AlertCondition>> CheckAsync(SerpDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settings = options.CurrentValue.Rules.ProviderSilent;
        var silentSince = now - settings.SilentFor;
        var fourWeeksAgo = now.AddDays(-28);
        var windows = TimeSpan.FromDays(28) / settings.SilentFor;

        var recent = new Dictionary<string, bool>(StringComparer.Ordinal);
        var expected = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var provider in Providers)
        {
            recent[provider] = await db.WebhookEvents.AsNoTracking()
                .AnyAsync(e => e.Provider == provider && e.ReceivedAt >= silentSince && e.ReceivedAt <= now, ct);
            expected[provider] = await db.WebhookEvents.AsNoTracking()
                .CountAsync(e => e.Provider == provider && e.ReceivedAt >= fourWeeksAgo && e.ReceivedAt < silentSince, ct) / windows;
        }

        List<AlertCondition> firing = [];
        foreach (var provider in Providers)
        {
            if (recent[provider] || expected[provider] < settings.MinExpectedEvents) continue;
            var others = Providers.Where(p => p != provider && recent[p]).ToList();
            if (others.Count == 0) continue;
            var last = await db.WebhookEvents.AsNoTracking().Where(e => e.Provider == provider)
                .MaxAsync(e => (DateTimeOffset?)e.ReceivedAt, ct);
            var silentHours = last is { } at ? (now - at).TotalHours : settings.SilentFor.TotalHours;
            firing.Add(new AlertCondition(provider, AlertSeverity.Critical,
                $"{ProviderNames.Of(provider)} has sent no webhook for {silentHours.ToString("0.#", CultureInfo.InvariantCulture)} hours " +
                $"while {string.Join(" and ", others.Select(ProviderNames.Of))} is normal (usually about " +
                $"{expected[provider].ToString("0", CultureInfo.InvariantCulture)} events in {Duration.Words(settings.SilentFor)}): " +
                $"likely a {ProviderNames.Of(provider)} webhook outage. Check the webhook's delivery log in the " +
                $"{ProviderNames.Of(provider)} dashboard and refused deliveries on /monitoring."));
        }
        return firing;
    }
}
