namespace Serp.Domain.Monitoring;

/// <summary>
/// One alert (<c>alerts</c>): opened by a rule when its condition holds, resolved by the same rule when it clears.
/// At most one open alert per (rule, subject): a unique partial index makes a second opening fail even if two
/// evaluators ever ran at once. The Slack columns are the alert's own outbox: a message is owed on opening until
/// <see cref="OpenNotifiedAt"/> is set, and on resolution until <see cref="ResolveNotifiedAt"/> is set.
/// </summary>
public sealed class Alert
{
    public long Id { get; set; }
    /// <summary>One of <see cref="AlertRules"/> (contract values).</summary>
    public required string Rule { get; set; }
    /// <summary>What the rule is about: a provider, an offer, or the rule's own aspect (<c>low</c>, <c>failed</c>...).</summary>
    public required string Subject { get; set; }
    /// <summary><c>critical</c> or <c>warning</c>.</summary>
    public required string Severity { get; set; }
    public required string Summary { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? OpenNotifiedAt { get; set; }
    public DateTimeOffset? ResolveNotifiedAt { get; set; }
    /// <summary>Failed Slack calls for the message currently owed, and when the next try is due.</summary>
    public int NotifyAttempts { get; set; }
    public DateTimeOffset? NotifyNextAt { get; set; }
    public string? NotifyError { get; set; }
}

/// <summary>The values of <c>alerts.rule</c> (contract).</summary>
public static class AlertRules
{
    public const string OrderVolume = "order_volume";
    public const string PaymentFailureRate = "payment_failure_rate";
    public const string RefundSpike = "refund_spike";
    public const string ProviderSilent = "provider_silent";
    public const string WebhookVerificationFailures = "webhook_verification_failures";
    public const string EventsStuck = "events_stuck";
    public const string GhlBacklog = "ghl_backlog";
}

public static class AlertSeverity
{
    public const string Critical = "critical";
    public const string Warning = "warning";
}
