using Microsoft.Extensions.Options;

namespace Serp.Admin.Integrations.PayPal.FollowUps;

/// <summary>Runs <see cref="PayPalFollowUps"/> every <see cref="PayPalFollowUpOptions.Interval"/> on each instance (stored once whoever asks).</summary>
internal sealed class PayPalFollowUpWorker(
    PayPalFollowUps followUps,
    IOptions<PayPalFollowUpOptions> options,
    TimeProvider time,
    ILogger<PayPalFollowUpWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await followUps.RunOnceAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // The schedule must survive a failed round (database down, a bug): it logs and tries at the next tick.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    logger.LogError(ex, "PayPal follow-ups failed; the next round is in {Interval}", options.Value.Interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
