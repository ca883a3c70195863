namespace Serp.Domain.Payments;

/// <summary>One failed payment attempt (a declined card, a failed bank debit). The customer may retry and succeed.</summary>
public sealed class PaymentFailure
{
    public Guid Id { get; set; }
    public required string Source { get; set; }
    /// <summary>The payment the attempt belongs to (Stripe payment intent id, PayPal order id).</summary>
    public required string PaymentRef { get; set; }
    /// <summary>What identifies the attempt (the charge id, else the event id), so a redelivery adds no row.</summary>
    public required string AttemptRef { get; set; }
    public string? CustomerEmail { get; set; }
    public string? OfferId { get; set; }
    public long Amount { get; set; }
    public required string Currency { get; set; }
    public string? FailureCode { get; set; }
    public string? FailureMessage { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}
