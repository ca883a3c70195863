namespace Serp.Domain.Monitoring;

/// <summary>
/// Refused webhook deliveries per provider, reason and minute (<c>webhook_refusals</c>). Counted in memory by each
/// instance and added here every few seconds, so a flood of bad requests costs one upsert per bucket, not a write
/// per request.
/// </summary>
public sealed class WebhookRefusal
{
    public required string Provider { get; set; }
    public required string Reason { get; set; }
    /// <summary>The start of the UTC minute.</summary>
    public DateTimeOffset Minute { get; set; }
    public long Count { get; set; }
}

/// <summary>Refusal reason codes that mean "the sender could not prove it is the provider" (a wrong secret or an attack).</summary>
public static class WebhookRefusalReasons
{
    public static readonly IReadOnlyList<string> VerificationFailures = ["missing_signature", "bad_signature", "missing_header", "verification_failed"];
}
