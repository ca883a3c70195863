using System.ComponentModel.DataAnnotations;

namespace Serp.Admin.Features.Monitoring;

/// <summary>The <c>Monitoring</c> section.</summary>
public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>A checkout still <c>pending</c> this many minutes after it was created is marked <c>abandoned</c>.</summary>
    [Range(1, 10_080)]
    public int StaleSessionMinutes { get; set; } = 60;

    /// <summary>How often the stale-session sweep runs (at most a minute apart, as the issue asks).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the refused-delivery counts kept in memory are added to <c>webhook_refusals</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RefusalFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The bearer token a Prometheus scraper must send to read <c>/metrics</c> (a secret). Empty: <c>/metrics</c> answers
    /// 404 and no Prometheus exporter runs.
    /// </summary>
    public string? MetricsToken { get; set; }

    /// <summary>Shortest token accepted: a guessable one would publish the store's volumes.</summary>
    public const int MinMetricsTokenLength = 16;

    public bool MetricsEnabled => !string.IsNullOrWhiteSpace(MetricsToken);
}
