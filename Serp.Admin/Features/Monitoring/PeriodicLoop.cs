namespace Serp.Admin.Features.Monitoring;

/// <summary>A monitoring worker's loop: one step now and then every interval; a failed step is logged, never fatal.</summary>
internal static class PeriodicLoop
{
    public static async Task RunAsync<T>(TimeSpan interval, TimeProvider time, ILogger logger, string what,
        Func<CancellationToken, Task<T>> step, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                try
                {
                    await step(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // The loop must survive a lost database connection; it logs and tries at the next tick.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    logger.LogWarning(ex, "{What} failed; trying again at the next tick", what);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
