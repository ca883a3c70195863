namespace Serp.Domain.Refunds;

/// <summary>
/// A refund as the provider last reported it. It may arrive before its order (webhooks come in any order):
/// then <see cref="OrderId"/> is null and <see cref="PaymentRef"/> links it once the order appears.
/// </summary>
public sealed class Refund
{
    public Guid Id { get; set; }
    public Guid? OrderId { get; set; }
    public required string Source { get; set; }
    public required string ProviderRefundId { get; set; }
    /// <summary>The payment the refund belongs to, when the provider names it: Stripe payment intent id, PayPal order id.</summary>
    public string? PaymentRef { get; set; }
    /// <summary>The charge refunded: Stripe charge id, PayPal capture id (all a PayPal refund names).</summary>
    public string? ChargeId { get; set; }
    public long Amount { get; set; }
    public required string Currency { get; set; }
    public required string Status { get; set; }
    public string? Reason { get; set; }
    /// <summary>Staff email when refunded from Serp Admin; null when it came from outside.</summary>
    public string? RequestedBy { get; set; }
    /// <summary>Serp Admin's refund request (the provider idempotency key); null when it came from outside.</summary>
    public Guid? RequestId { get; set; }
    /// <summary>The staff member's own words on why (free text beside <see cref="Reason"/>).</summary>
    public string? Note { get; set; }
    /// <summary>When the provider produced the snapshot this row holds: older snapshots never overwrite newer ones.</summary>
    public DateTimeOffset ObservedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class RefundStatus
{
    public const string Pending = "pending";
    public const string RequiresAction = "requires_action";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    /// <summary>Counted in the refunded total, as Stripe's charge.amount_refunded counts them.</summary>
    public static bool Counts(string status) => status is Pending or RequiresAction or Succeeded;

    /// <summary>Breaks ties between snapshots of the same second: a final state beats a transient one.</summary>
    public static int Rank(string status) => status is Succeeded or Failed or Canceled ? 1 : 0;
}
