using System.Text.Json;

namespace Serp.Domain.Orders;

/// <summary>
/// A purchase, from Stripe or PayPal. Columns are contract (shared/ARCHITECTURE.md): rename nothing.
/// Amounts are minor units of <see cref="Currency"/> (lower-case ISO code, as Stripe sends it).
/// </summary>
public sealed class Order
{
    public Guid Id { get; set; }
    public Guid? CheckoutSessionId { get; set; }
    public string? StripeSessionId { get; set; }
    public string? StripePaymentIntentId { get; set; }
    public string? StripeChargeId { get; set; }
    public string? PaypalOrderId { get; set; }
    public string? PaypalCaptureId { get; set; }
    public long AmountTotal { get; set; }
    public required string Currency { get; set; }
    public string? OfferId { get; set; }
    public string? LanderId { get; set; }
    public string? AffiliateId { get; set; }
    public string? CustomerEmail { get; set; }
    public string? CustomerName { get; set; }
    public JsonDocument? Metadata { get; set; }
    public required string PaymentStatus { get; set; }
    public string? PaymentMethod { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The newest provider fact applied to the order (event time, not arrival time).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The earliest report of a successful payment; null while unpaid.</summary>
    public DateTimeOffset? PaidAt { get; set; }
    /// <summary>The earliest report that the (asynchronous) payment failed for good.</summary>
    public DateTimeOffset? FailedAt { get; set; }
    /// <summary>Refunded so far, minor units: from refund rows, or the charge's own total when that is higher.</summary>
    public long AmountRefunded { get; set; }
    /// <summary>
    /// The <c>amount_refunded</c> of the newest charge snapshot (refund rows may be missing). The newest, not the
    /// highest: a refund that fails after it was counted lowers it again.
    /// </summary>
    public long? ChargeAmountRefunded { get; set; }
    /// <summary>When the provider produced the charge snapshot behind <see cref="ChargeAmountRefunded"/>.</summary>
    public DateTimeOffset? ChargeRefundedObservedAt { get; set; }

    public Checkout.CheckoutSession? CheckoutSession { get; set; }

    /// <summary>
    /// PostgreSQL's <c>xmin</c> (no column of ours): an optimistic concurrency token, so a save that read an older
    /// version of the row fails instead of overwriting another worker's change.
    /// </summary>
    public uint Version { get; private set; }
}
