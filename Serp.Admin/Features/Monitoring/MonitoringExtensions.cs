using Microsoft.Extensions.Options;
using Serp.Admin.Features.Monitoring.Alerts;
using Serp.Admin.Features.Monitoring.Alerts.Rules;
using Serp.Admin.Features.Monitoring.Health;
using Serp.Admin.Features.Monitoring.Inbox;
using Serp.Admin.Features.Monitoring.Refusals;
using Serp.Admin.Features.Monitoring.StaleSessions;
using Serp.Admin.Integrations.Slack;

namespace Serp.Admin.Features.Monitoring;

internal static class MonitoringExtensions
{
    /// <summary>/monitoring's queries, the persisted refusal counts, the stale-session sweep, the alert rules and Slack.</summary>
    public static IHostApplicationBuilder AddMonitoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => !o.MetricsEnabled || o.MetricsToken!.Trim().Length >= MonitoringOptions.MinMetricsTokenLength,
                $"Monitoring:MetricsToken must be at least {MonitoringOptions.MinMetricsTokenLength} characters (or empty, which turns /metrics off).")
            .ValidateOnStart();
        builder.Services.AddSingleton<WebhookMonitoringQueries>();
        builder.Services.AddSingleton<InboxLogQueries>();
        builder.Services.AddSingleton<SourceHealthQueries>();
        builder.Services.AddSingleton<StaleSessionQueries>();

        builder.Services.AddSingleton<WebhookRefusalBuffer>();
        builder.Services.AddSingleton<WebhookRefusalFlusher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookRefusalFlusher>());

        builder.Services.AddSingleton<StaleSessionSweep>();
        builder.Services.AddHostedService<StaleSessionSweepService>();

        builder.Services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IAlertRule, OrderVolumeRule>();
        builder.Services.AddSingleton<IAlertRule, PaymentFailureRateRule>();
        builder.Services.AddSingleton<IAlertRule, RefundSpikeRule>();
        builder.Services.AddSingleton<IAlertRule, ProviderSilentRule>();
        builder.Services.AddSingleton<IAlertRule, WebhookVerificationFailuresRule>();
        builder.Services.AddSingleton<IAlertRule, EventsStuckRule>();
        builder.Services.AddSingleton<IAlertRule, GhlBacklogRule>();
        builder.Services.AddSingleton<AlertEvaluator>();
        builder.Services.AddSingleton<AlertNotifier>();
        builder.Services.AddSingleton<AlertBoard>();
        builder.Services.AddScoped<AlertBadgeRefresh>();
        builder.Services.AddSingleton<SlackClient>();
        builder.Services.AddHttpClient(SlackClient.HttpClientName, (sp, http) =>
            http.Timeout = sp.GetRequiredService<IOptions<AlertsOptions>>().Value.SlackTimeout);
        var alerts = builder.Configuration.GetSection(AlertsOptions.Section).Get<AlertsOptions>() ?? new AlertsOptions();
        if (alerts.Enabled)
        {
            builder.Services.AddHostedService<AlertEvaluatorService>();
            builder.Services.AddHostedService<AlertNotifierService>();
        }
        return builder;
    }
}
