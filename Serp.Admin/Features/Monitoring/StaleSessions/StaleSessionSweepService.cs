using Microsoft.Extensions.Options;

namespace Serp.Admin.Features.Monitoring.StaleSessions;

/// <summary>Runs <see cref="StaleSessionSweep"/> every <see cref="MonitoringOptions.SweepInterval"/> on each instance.</summary>
public sealed class StaleSessionSweepService(
    StaleSessionSweep sweep,
    IOptions<MonitoringOptions> options,
    TimeProvider time,
    ILogger<StaleSessionSweepService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(options.Value.SweepInterval, time, logger, "Stale-session sweep", async ct =>
        {
            var marked = await sweep.SweepAsync(ct);
            if (marked > 0) logger.LogInformation("Marked {Count} stale checkout sessions abandoned", marked);
            return marked;
        }, stoppingToken);
}
