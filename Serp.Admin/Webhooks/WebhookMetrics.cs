using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Serp.Admin.Features.Monitoring.Refusals;

namespace Serp.Admin.Webhooks;

/// <summary>
/// Counters of the webhook doors: an OpenTelemetry meter, and refusals also counted per minute for
/// <c>webhook_refusals</c> (persisted in batches by <see cref="WebhookRefusalFlusher"/>, so the Monitoring page and
/// the alert rules see them across restarts and instances). The meter is the process's, never disposed: OpenTelemetry
/// merges instruments of one name, and drops the merged series when the first meter goes (several app hosts in one
/// test process).
/// </summary>
public sealed class WebhookMetrics(WebhookRefusalBuffer refusals)
{
    public const string MeterName = "Serp.Admin.Webhooks";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> ReceivedCounter = Meter.CreateCounter<long>("serp.webhooks.received", description: "Verified deliveries, duplicates included");
    private static readonly Counter<long> RejectedCounter = Meter.CreateCounter<long>("serp.webhooks.rejected", description: "Deliveries refused before storage");
    private static readonly Counter<long> ProcessedCounter = Meter.CreateCounter<long>("serp.webhooks.processed", description: "Processing attempts by provider and outcome");
    private static readonly Histogram<double> LagHistogram = Meter.CreateHistogram<double>("serp.webhooks.processing_lag", unit: "s", description: "From an event's arrival to its processing");
    private readonly ConcurrentDictionary<string, long> rejectedTotals = new(StringComparer.Ordinal);

    public void Received(string provider, bool duplicate) =>
        ReceivedCounter.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("duplicate", duplicate));

    public void Rejected(string provider, string reason)
    {
        RejectedCounter.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("reason", reason));
        refusals.Add(provider, reason);
        rejectedTotals.AddOrUpdate($"{provider}:{reason}", 1, (_, n) => n + 1);
    }

    /// <summary>Refusals since this instance started, by <c>provider:reason</c> (the persisted counts are in <c>webhook_refusals</c>).</summary>
    public IReadOnlyDictionary<string, long> RejectedTotals => rejectedTotals;

    /// <summary>One processing attempt: <paramref name="outcome"/> is the event's new status (or <c>retrying</c>).</summary>
    public void Processed(string provider, string outcome, TimeSpan sinceReceived)
    {
        ProcessedCounter.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("outcome", outcome));
        if (outcome is "processed" or "ignored") LagHistogram.Record(sinceReceived.TotalSeconds, new KeyValuePair<string, object?>("provider", provider));
    }
}
