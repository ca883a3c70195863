namespace Serp.Domain.Purchases;

/// <summary>
/// What a provider told us about a purchase, in provider-neutral terms. Integrations translate their payloads
/// into facts; <see cref="PurchaseRules"/> applies them in any order with the same result.
/// </summary>
public abstract record PurchaseFact
{
    public required string Source { get; init; }
    /// <summary>When the provider produced this report (the event's time): decides between snapshots, never arrival.</summary>
    public required DateTimeOffset ObservedAt { get; init; }

    /// <summary>
    /// The purchase's main id as this fact knows it (payment intent or PayPal order, else session, charge or capture).
    /// The ledger locks and looks up by <see cref="References"/> under <see cref="Source"/>, never by this alone.
    /// </summary>
    public abstract string PurchaseKey { get; }

    /// <summary>
    /// Every provider id this fact names (payment, session, charge, refund, dispute): links events to orders. Ids are
    /// unique within their <see cref="Source"/> only: qualify them with it (as the ledger's locks do).
    /// </summary>
    public IEnumerable<string> References() =>
        new[] { PurchaseKey }.Concat(OwnReferences()).OfType<string>().Distinct(StringComparer.Ordinal);

    protected abstract IEnumerable<string?> OwnReferences();
}

public enum CheckoutOutcome
{
    Open,
    /// <summary>
    /// The buyer approved the payment and nothing is captured yet (PayPal <c>CHECKOUT.ORDER.APPROVED</c>): the
    /// session stays pending, the order exists (pending) with the buyer and the attribution.
    /// </summary>
    Approved,
    Completed,
    AsyncPaymentSucceeded,
    AsyncPaymentFailed,
    Expired,
}

public sealed record CheckoutFact : PurchaseFact
{
    public required string SessionId { get; init; }
    public string? PaymentRef { get; init; }
    public required CheckoutOutcome Outcome { get; init; }
    /// <summary>Checkout says the money is in (payment_status paid or no_payment_required).</summary>
    public bool Paid { get; init; }
    public long? AmountTotal { get; init; }
    public string? Currency { get; init; }
    public string? CustomerEmail { get; init; }
    public string? CustomerName { get; init; }
    public string? MetadataJson { get; init; }
    public string? OfferId { get; init; }
    public string? LanderId { get; init; }
    public string? AffiliateId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    public override string PurchaseKey => PaymentRef ?? SessionId;

    protected override IEnumerable<string?> OwnReferences() => [SessionId, PaymentRef];
}

/// <summary>
/// A payment (intent, charge or PayPal capture) that succeeded, possibly with the charge's refunded total; or one
/// that is still <see cref="Pending"/> (a PayPal capture under review): its order exists, unpaid.
/// </summary>
public sealed record PaymentFact : PurchaseFact
{
    public required string PaymentRef { get; init; }
    public string? ChargeId { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public string? CustomerEmail { get; init; }
    public string? CustomerName { get; init; }
    public string? PaymentMethod { get; init; }
    /// <summary>The charge's amount_refunded, when the report is a charge.</summary>
    public long? AmountRefunded { get; init; }
    /// <summary>The money is not in yet (PayPal <c>PAYMENT.CAPTURE.PENDING</c>): ids and amounts count, paid does not.</summary>
    public bool Pending { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    public override string PurchaseKey => PaymentRef;

    protected override IEnumerable<string?> OwnReferences() => [PaymentRef, ChargeId];
}

public sealed record PaymentFailureFact : PurchaseFact
{
    public required string PaymentRef { get; init; }
    public required string AttemptRef { get; init; }
    public long Amount { get; init; }
    public required string Currency { get; init; }
    public string? CustomerEmail { get; init; }
    public string? FailureCode { get; init; }
    public string? FailureMessage { get; init; }
    /// <summary>
    /// The provider says the payment failed for good (PayPal <c>PAYMENT.CAPTURE.DENIED</c>), not an attempt the
    /// customer may retry (Stripe's <c>payment_intent.payment_failed</c>): the order is failed too.
    /// </summary>
    public bool Final { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }

    public override string PurchaseKey => PaymentRef;

    protected override IEnumerable<string?> OwnReferences() => [PaymentRef, AttemptRef];
}

public sealed record RefundFact : PurchaseFact
{
    public required string ProviderRefundId { get; init; }
    public string? PaymentRef { get; init; }
    public string? ChargeId { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required string Status { get; init; }
    public string? Reason { get; init; }
    public string? RequestedBy { get; init; }
    /// <summary>Serp Admin's refund request id, when the refund was made from the desk (it rides in the refund's metadata).</summary>
    public Guid? RequestId { get; init; }
    /// <summary>The staff member's note on a refund made from the desk.</summary>
    public string? Note { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    public override string PurchaseKey => PaymentRef ?? ChargeId ?? ProviderRefundId;

    protected override IEnumerable<string?> OwnReferences() => [PaymentRef, ChargeId, ProviderRefundId];
}

public enum DisputeFunds
{
    Unchanged,
    Withdrawn,
    Reinstated,
}

public sealed record DisputeFact : PurchaseFact
{
    public required string ProviderDisputeId { get; init; }
    public string? PaymentRef { get; init; }
    public string? ChargeId { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public string? Reason { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset? EvidenceDueBy { get; init; }
    public DisputeFunds Funds { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    public override string PurchaseKey => PaymentRef ?? ChargeId ?? ProviderDisputeId;

    protected override IEnumerable<string?> OwnReferences() => [PaymentRef, ChargeId, ProviderDisputeId];
}
