using System.Globalization;
using Serp.Domain.Monitoring;

namespace Serp.Admin.Features.Monitoring.Alerts;

/// <summary>The Slack texts (and the page's titles) of alerts, in words.</summary>
public static class AlertMessages
{
    public static string Title(string rule) => rule switch
    {
        AlertRules.OrderVolume => "Order volume",
        AlertRules.PaymentFailureRate => "Payment failures",
        AlertRules.RefundSpike => "Refund spike",
        AlertRules.ProviderSilent => "Provider silent",
        AlertRules.WebhookVerificationFailures => "Webhook verification failures",
        AlertRules.EventsStuck => "Webhook events stuck",
        AlertRules.GhlBacklog => "GHL sync",
        _ => rule,
    };

    public static string Opened(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var icon = alert.Severity == AlertSeverity.Critical ? ":rotating_light:" : ":warning:";
        return $"{icon} *{Title(alert.Rule)}* ({alert.Severity}): {alert.Summary}";
    }

    public static string Resolved(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var lasted = (alert.ResolvedAt ?? alert.OpenedAt) - alert.OpenedAt;
        return $":white_check_mark: *{Title(alert.Rule)}* resolved after {Lasted(lasted)}. It was: {alert.Summary}";
    }

    private static string Lasted(TimeSpan span) => span.TotalMinutes < 90
        ? $"{Math.Max(1, Math.Round(span.TotalMinutes)).ToString(CultureInfo.InvariantCulture)} min"
        : $"{span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h";
}
