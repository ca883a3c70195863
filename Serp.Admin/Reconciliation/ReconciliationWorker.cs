using Microsoft.Extensions.Options;

namespace Serp.Admin.Reconciliation;

/// <summary>
/// Runs every configured provider's reconciliation at start and then every <see cref="ReconciliationScheduleOptions.Interval"/>
/// (one schedule for all). Every instance schedules it; each
/// provider's advisory lock lets one of them work at a time.
/// </summary>
internal sealed class ReconciliationWorker(
    ReconciliationRunner runner,
    IOptions<ReconciliationScheduleOptions> options,
    TimeProvider time,
    ILogger<ReconciliationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;

        using var timer = new PeriodicTimer(settings.Interval, time);
        var toldNotConfigured = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            do
            {
                foreach (var source in runner.Sources)
                {
                    if (!source.IsConfigured)
                    {
                        if (toldNotConfigured.Add(source.Provider))
                        {
                            logger.LogInformation("{Provider} reconciliation is idle: it is not configured", source.Provider);
                        }
                        continue;
                    }
                    toldNotConfigured.Remove(source.Provider);
                    await RunOnceAsync(source, stoppingToken);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunOnceAsync(IReconciliationSource source, CancellationToken ct)
    {
        try
        {
            await runner.RunScheduledAsync(source, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The schedule must survive a failed run (database down, a bug): it logs and tries at the next tick.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "{Provider} reconciliation run failed; the next one is in {Interval}", source.Provider, options.Value.Interval);
        }
    }
}
