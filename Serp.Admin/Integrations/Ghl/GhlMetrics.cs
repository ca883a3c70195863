using System.Diagnostics.Metrics;

namespace Serp.Admin.Integrations.Ghl;

/// <summary>GHL requests by status (429s among them), for OpenTelemetry. Static: one meter per process, like the budget it watches.</summary>
public static class GhlMetrics
{
    public const string MeterName = "Serp.Admin.Ghl";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("serp.ghl.requests", description: "GHL API requests by HTTP status");
    private static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("serp.ghl.rate_limited", description: "GHL API requests answered 429");

    public static void Request(int? status)
    {
        Requests.Add(1, new KeyValuePair<string, object?>("status", status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"));
        if (status == 429) RateLimited.Add(1);
    }
}
