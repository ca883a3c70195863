using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Serp.Admin.Webhooks;

/// <summary>Counters of the webhook doors (OpenTelemetry-ready meter, plus totals since start for the Monitoring page).</summary>
public sealed class WebhookMetrics : IDisposable
{
    public const string MeterName = "Serp.Admin.Webhooks";
    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> received;
    private readonly Counter<long> rejected;
    private readonly ConcurrentDictionary<string, long> rejectedTotals = new(StringComparer.Ordinal);

    public WebhookMetrics()
    {
        received = meter.CreateCounter<long>("serp.webhooks.received", description: "Verified deliveries, duplicates included");
        rejected = meter.CreateCounter<long>("serp.webhooks.rejected", description: "Deliveries refused before storage");
    }

    public void Received(string provider, bool duplicate) =>
        received.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("duplicate", duplicate));

    public void Rejected(string provider, string reason)
    {
        rejected.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("reason", reason));
        rejectedTotals.AddOrUpdate($"{provider}:{reason}", 1, (_, n) => n + 1);
    }

    public IReadOnlyDictionary<string, long> RejectedTotals => rejectedTotals;

    public void Dispose() => meter.Dispose();
}
