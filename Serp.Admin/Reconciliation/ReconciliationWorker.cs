using Microsoft.Extensions.Options;

namespace Serp.Admin.Integrations.Stripe;

/// <summary>
/// Runs <see cref="StripeReconciliation"/> at start and then every <see cref="StripeReconciliationOptions.Interval"/>.
/// Every instance schedules it; the advisory lock lets one of them work at a time.
/// </summary>
internal sealed class StripeReconciliationWorker(
    StripeReconciliation reconciliation,
    StripeClientFactory clients,
    IOptions<StripeReconciliationOptions> options,
    TimeProvider time,
    ILogger<StripeReconciliationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;

        using var timer = new PeriodicTimer(settings.Interval, time);
        var toldNotConfigured = false;
        try
        {
            do
            {
                if (!clients.IsConfigured)
                {
                    if (!toldNotConfigured) logger.LogInformation("Stripe reconciliation is idle: Stripe:SecretKey is not set");
                    toldNotConfigured = true;
                    continue;
                }
                toldNotConfigured = false;
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await reconciliation.RunScheduledAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The schedule must survive a failed run (database down, a bug): it logs and tries at the next tick.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Stripe reconciliation run failed; the next one is in {Interval}", options.Value.Interval);
        }
    }
}
