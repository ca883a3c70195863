using System.ComponentModel.DataAnnotations;

namespace Serp.Admin.Features.Monitoring.Alerts;

/// <summary>The <c>Alerts</c> section: evaluation, Slack, and one subsection per rule under <c>Alerts:Rules</c>.</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>Slack incoming webhook; empty = alerts are only shown in the app.</summary>
    public string? SlackWebhookUrl { get; set; }

    /// <summary>How often the rules run (on one instance at a time).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Run the evaluator and the Slack sender in this instance.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often owed Slack messages are looked for (and failed ones retried when their backoff is over).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SlackPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Per-request timeout of a Slack call.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan SlackTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public AlertRuleSet Rules { get; set; } = new();
}

public sealed class AlertRuleSet
{
    public OrderVolumeRuleOptions OrderVolume { get; set; } = new();
    public PaymentFailureRateRuleOptions PaymentFailureRate { get; set; } = new();
    public RefundSpikeRuleOptions RefundSpike { get; set; } = new();
    public ProviderSilentRuleOptions ProviderSilent { get; set; } = new();
    public WebhookVerificationFailuresRuleOptions WebhookVerificationFailures { get; set; } = new();
    public EventsStuckRuleOptions EventsStuck { get; set; } = new();
    public GhlBacklogRuleOptions GhlBacklog { get; set; } = new();
}

/// <summary>What every rule has: on or off, and how long after an alert resolves the same one may open again.</summary>
public abstract class AlertRuleOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromMinutes(30);
}

public sealed class OrderVolumeRuleOptions : AlertRuleOptions
{
    public OrderVolumeRuleOptions() => Cooldown = TimeSpan.FromHours(1);

    /// <summary>Below this many orders per hour on average (same hour of the week, trailing 4 weeks) the rule stays quiet.</summary>
    public double MinBaseline { get; set; } = 5;
    /// <summary>Alert when the last hour has fewer than this share of the baseline (0.25 = a quarter).</summary>
    public double LowRatio { get; set; } = 0.25;
    /// <summary>Alert when the last hour has more than this multiple of the baseline.</summary>
    public double HighRatio { get; set; } = 4;
    /// <summary>
    /// And only when a count that far off would come by chance less often than this, had nothing changed (the last
    /// hour's share of it and the 4 weeks before, <see cref="Rules.BinomialTail"/>): a few orders an hour wander far
    /// from their average every week; an empty hour against 14 an hour does not.
    /// </summary>
    public double MaxChance { get; set; } = 0.00001;
}

public sealed class PaymentFailureRateRuleOptions : AlertRuleOptions
{
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Failed attempts plus paid orders in the window below which the rate means nothing.</summary>
    public int MinAttempts { get; set; } = 20;
    /// <summary>Alert when failures / attempts reaches this...</summary>
    public double Rate { get; set; } = 0.3;
    /// <summary>...and is at least this multiple of the provider's rate over the trailing 7 days.</summary>
    public double BaselineFactor { get; set; } = 2;
}

public sealed class RefundSpikeRuleOptions : AlertRuleOptions
{
    public RefundSpikeRuleOptions() => Cooldown = TimeSpan.FromHours(6);

    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Refunds of one offer in the window below which nothing is a spike.</summary>
    public int MinRefunds { get; set; } = 5;
    /// <summary>Alert when the window holds this multiple of the offer's average per window over the trailing 28 days.</summary>
    public double Factor { get; set; } = 3;
}

public sealed class ProviderSilentRuleOptions : AlertRuleOptions
{
    /// <summary>A provider with no event for this long, while the other has events in the same time, is silent.</summary>
    public TimeSpan SilentFor { get; set; } = TimeSpan.FromHours(2);
    /// <summary>
    /// The provider must average at least this many events per <see cref="SilentFor"/> over the trailing 4 weeks:
    /// silence from a provider that rarely speaks means nothing.
    /// </summary>
    public double MinExpectedEvents { get; set; } = 3;
}

public sealed class WebhookVerificationFailuresRuleOptions : AlertRuleOptions
{
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
    public int Threshold { get; set; } = 10;
}

public sealed class EventsStuckRuleOptions : AlertRuleOptions
{
    /// <summary>An event still waiting this long after it arrived is stuck (a failed event always is).</summary>
    public TimeSpan WaitingFor { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed class GhlBacklogRuleOptions : AlertRuleOptions
{
    /// <summary>Customers due for a GHL sync above which the backlog alerts.</summary>
    public int MaxBacklog { get; set; } = 500;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>GHL calls answered 429 within the window above which the rate limit alerts.</summary>
    public int Max429 { get; set; } = 20;
}
