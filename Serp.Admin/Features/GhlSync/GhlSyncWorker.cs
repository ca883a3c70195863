using Microsoft.Extensions.Options;
using Serp.Admin.Integrations.Ghl;

namespace Serp.Admin.Features.GhlSync;

/// <summary>
/// Drains the GHL outbox: <see cref="GhlSyncOptions.Workers"/> loops per instance, each claiming the next due customer
/// (<see cref="GhlSyncClaims"/>) and syncing it (<see cref="GhlContactSync"/>). Idle, and says so once, without
/// <c>Ghl:Token</c> / <c>Ghl:LocationId</c>. Webhooks and pages never wait for it: a GHL outage only grows the backlog.
/// </summary>
internal sealed class GhlSyncWorker(
    IGhlApi api,
    GhlSyncClaims claims,
    GhlContactSync sync,
    IOptions<GhlSyncOptions> options,
    TimeProvider time,
    ILogger<GhlSyncWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!api.IsConfigured)
        {
            logger.LogInformation("GHL sync is idle: Ghl:Token and Ghl:LocationId are not both set");
            return Task.CompletedTask;
        }
        if (settings.ShortestRetryWindow < Day)
        {
            logger.LogWarning("Ghl:Sync retries give up after {Window} at the shortest: an outage longer than that fails rows (raise MaxAttempts or MaxBackoff)",
                settings.ShortestRetryWindow);
        }
        return Task.WhenAll(Enumerable.Range(0, settings.Workers).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)));
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var claim = await claims.ClaimNextAsync(ct);
                if (claim is null) await Task.Delay(options.Value.PollInterval, time, ct);
                else await sync.RunAsync(claim, new GhlCallLog(), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive a lost database connection; it logs and waits.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "GHL sync loop failed; retrying shortly");
                try
                {
                    await Task.Delay(options.Value.PollInterval, time, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
