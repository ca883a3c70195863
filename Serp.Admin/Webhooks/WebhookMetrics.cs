using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Serp.Admin.Features.Monitoring.Refusals;

namespace Serp.Admin.Webhooks;

/// <summary>
/// Counters of the webhook doors: an OpenTelemetry meter, and refusals also counted per minute for
/// <c>webhook_refusals</c> (persisted in batches by <see cref="WebhookRefusalFlusher"/>, so the Monitoring page and
/// the alert rules see them across restarts and instances).
/// </summary>
public sealed class WebhookMetrics : IDisposable
{
    public const string MeterName = "Serp.Admin.Webhooks";
    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> received;
    private readonly Counter<long> rejected;
    private readonly Counter<long> processed;
    private readonly Histogram<double> lag;
    private readonly WebhookRefusalBuffer refusals;
    private readonly ConcurrentDictionary<string, long> rejectedTotals = new(StringComparer.Ordinal);

    public WebhookMetrics(WebhookRefusalBuffer refusals)
    {
        this.refusals = refusals;
        received = meter.CreateCounter<long>("serp.webhooks.received", description: "Verified deliveries, duplicates included");
        rejected = meter.CreateCounter<long>("serp.webhooks.rejected", description: "Deliveries refused before storage");
        processed = meter.CreateCounter<long>("serp.webhooks.processed", description: "Processing attempts by provider and outcome");
        lag = meter.CreateHistogram<double>("serp.webhooks.processing_lag", unit: "s", description: "From an event's arrival to its processing");
    }

    public void Received(string provider, bool duplicate) =>
        received.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("duplicate", duplicate));

    public void Rejected(string provider, string reason)
    {
        rejected.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("reason", reason));
        refusals.Add(provider, reason);
        rejectedTotals.AddOrUpdate($"{provider}:{reason}", 1, (_, n) => n + 1);
    }

    /// <summary>Refusals since this instance started, by <c>provider:reason</c> (the persisted counts are in <c>webhook_refusals</c>).</summary>
    public IReadOnlyDictionary<string, long> RejectedTotals => rejectedTotals;

    /// <summary>One processing attempt: <paramref name="outcome"/> is the event's new status (or <c>retrying</c>).</summary>
    public void Processed(string provider, string outcome, TimeSpan sinceReceived)
    {
        processed.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("outcome", outcome));
        if (outcome is "processed" or "ignored") lag.Record(sinceReceived.TotalSeconds, new KeyValuePair<string, object?>("provider", provider));
    }

    public void Dispose() => meter.Dispose();
}
