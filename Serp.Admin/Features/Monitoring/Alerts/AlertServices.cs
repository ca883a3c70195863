using Microsoft.Extensions.Options;

namespace Serp.Admin.Features.Monitoring.Alerts;

/// <summary>Runs the rules every <see cref="AlertsOptions.EvaluationInterval"/> (the round itself is one instance at a time).</summary>
public sealed class AlertEvaluatorService(
    AlertEvaluator evaluator, IOptions<AlertsOptions> options, TimeProvider time, ILogger<AlertEvaluatorService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(options.Value.EvaluationInterval, time, logger, "Alert evaluation", evaluator.EvaluateAsync, stoppingToken);
}

/// <summary>Sends owed Slack messages every <see cref="AlertsOptions.SlackPollInterval"/>, apart from the rules.</summary>
public sealed class AlertNotifierService(
    AlertNotifier notifier, IOptions<AlertsOptions> options, TimeProvider time, ILogger<AlertNotifierService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(options.Value.SlackPollInterval, time, logger, "Sending alerts to Slack", notifier.SendDueAsync, stoppingToken);
}
