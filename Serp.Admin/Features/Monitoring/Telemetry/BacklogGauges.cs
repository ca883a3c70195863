using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Features.Monitoring.Telemetry;

/// <summary>
/// Backlogs as gauges: webhook events waiting, the oldest one's age, GHL customers due. Read from the database every
/// 15 seconds by this service, so a scrape never waits on a query. The meter and the figures are the process's (one
/// app per process; OpenTelemetry merges instruments of one name and drops the merged series when the first meter
/// is disposed).
/// </summary>
public sealed class BacklogGauges(IDbContextFactory<SerpDbContext> dbFactory, TimeProvider time, ILogger<BacklogGauges> logger)
    : BackgroundService
{
    public const string MeterName = "Serp.Admin.Backlogs";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private static readonly Meter Meter = new(MeterName);
    private static long webhooksWaiting;
    private static double oldestWaitingSeconds;
    private static long ghlBacklog;

    static BacklogGauges()
    {
        Meter.CreateObservableGauge("serp.webhooks.waiting", () => Interlocked.Read(ref webhooksWaiting), description: "Webhook events waiting to be processed");
        Meter.CreateObservableGauge("serp.webhooks.oldest_waiting_age", () => Volatile.Read(ref oldestWaitingSeconds), unit: "s",
            description: "Age of the oldest webhook event waiting to be processed");
        Meter.CreateObservableGauge("serp.ghl.backlog", () => Interlocked.Read(ref ghlBacklog), description: "Customers due for a GHL sync");
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(Interval, time, logger, "Reading backlog gauges", async ct =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = time.GetUtcNow();
            Interlocked.Exchange(ref webhooksWaiting, await db.WebhookEvents.AsNoTracking().CountAsync(e => e.Status == WebhookEventStatus.Received, ct));
            var oldest = await db.WebhookEvents.AsNoTracking().Where(e => e.Status == WebhookEventStatus.Received)
                .OrderBy(e => e.Id).Select(e => (DateTimeOffset?)e.ReceivedAt).FirstOrDefaultAsync(ct);
            Volatile.Write(ref oldestWaitingSeconds, oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0);
            Interlocked.Exchange(ref ghlBacklog, await db.GhlSync.AsNoTracking()
                .CountAsync(s => s.Status == GhlSyncStatus.Pending && s.NextAttemptAt <= now, ct));
            return true;
        }, stoppingToken);
}
