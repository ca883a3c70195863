using System.Text.Json;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;

namespace Serp.Admin.Integrations.Stripe;

/// <summary>
/// Stripe API objects (from an event's data.object, or listed by reconciliation) into purchase facts. The same
/// translation serves webhooks, replay and reconciliation, so all three converge on the same rows.
/// </summary>
internal static class StripeObjectTranslator
{
    private const string Source = PaymentSource.Stripe;

    public static CheckoutFact Session(JsonElement session, CheckoutOutcome outcome, DateTimeOffset observedAt)
    {
        var metadata = session.Obj("metadata");
        var details = session.Obj("customer_details");
        var paymentStatus = session.Str("payment_status");
        return new CheckoutFact
        {
            Source = Source,
            ObservedAt = observedAt,
            SessionId = Required(session.Str("id"), "checkout session id"),
            PaymentRef = session.Id("payment_intent"),
            Outcome = outcome,
            Paid = paymentStatus is "paid" or "no_payment_required",
            AmountTotal = session.Long("amount_total"),
            Currency = session.Str("currency"),
            CustomerEmail = details.Str("email") ?? session.Str("customer_email"),
            CustomerName = details.Str("name"),
            MetadataJson = metadata.ValueKind == JsonValueKind.Object ? metadata.GetRawText() : null,
            OfferId = metadata.Str("offer_id"),
            LanderId = metadata.Str("lander_id"),
            AffiliateId = metadata.Str("affiliate_id"),
            CreatedAt = session.Time("created") ?? observedAt,
        };
    }

    /// <summary>The outcome a listed session shows by its status (reconciliation sees no event type).</summary>
    public static CheckoutOutcome OutcomeOf(JsonElement session) => session.Str("status") switch
    {
        "complete" => CheckoutOutcome.Completed,
        "expired" => CheckoutOutcome.Expired,
        _ => CheckoutOutcome.Open,
    };

    public static PaymentFact? PaymentIntent(JsonElement intent, DateTimeOffset observedAt) =>
        intent.Str("status") != "succeeded" ? null : new PaymentFact
        {
            Source = Source,
            ObservedAt = observedAt,
            PaymentRef = Required(intent.Str("id"), "payment intent id"),
            ChargeId = intent.Id("latest_charge"),
            Amount = intent.Long("amount_received") ?? intent.Long("amount") ?? 0,
            Currency = intent.Str("currency") ?? "",
            CustomerEmail = intent.Str("receipt_email"),
            CreatedAt = intent.Time("created") ?? observedAt,
        };

    public static PaymentFailureFact PaymentFailure(JsonElement intent, string eventId, DateTimeOffset observedAt)
    {
        var error = intent.Obj("last_payment_error");
        return new PaymentFailureFact
        {
            Source = Source,
            ObservedAt = observedAt,
            PaymentRef = Required(intent.Str("id"), "payment intent id"),
            AttemptRef = error.Id("charge") ?? error.Obj("payment_method").Str("id") ?? eventId,
            Amount = intent.Long("amount") ?? 0,
            Currency = intent.Str("currency") ?? "",
            CustomerEmail = intent.Str("receipt_email") ?? error.Obj("payment_method").Obj("billing_details").Str("email"),
            FailureCode = error.Str("decline_code") ?? error.Str("code"),
            FailureMessage = error.Str("message"),
            OccurredAt = observedAt,
        };
    }

    /// <summary>A successful charge (null for a failed or pending one), with its refunded total.</summary>
    public static PaymentFact? Charge(JsonElement charge, DateTimeOffset observedAt)
    {
        if (charge.Str("status") != "succeeded" || charge.Id("payment_intent") is not { } intent) return null;
        var billing = charge.Obj("billing_details");
        return new PaymentFact
        {
            Source = Source,
            ObservedAt = observedAt,
            PaymentRef = intent,
            ChargeId = charge.Str("id"),
            Amount = charge.Long("amount") ?? 0,
            Currency = charge.Str("currency") ?? "",
            CustomerEmail = billing.Str("email") ?? charge.Str("receipt_email"),
            CustomerName = billing.Str("name"),
            PaymentMethod = charge.Obj("payment_method_details").Str("type"),
            AmountRefunded = charge.Long("amount_refunded"),
            CreatedAt = charge.Time("created") ?? observedAt,
        };
    }

    /// <summary>
    /// A refund; one made from the desk carries our reason, note, request id and actor in its metadata
    /// (<see cref="RefundMetadata"/>), so its webhooks and reconciliation keep what the desk recorded.
    /// </summary>
    public static RefundFact Refund(JsonElement refund, DateTimeOffset observedAt)
    {
        var metadata = refund.Obj("metadata");
        return new RefundFact
        {
            Source = Source,
            ObservedAt = observedAt,
            ProviderRefundId = Required(refund.Str("id"), "refund id"),
            PaymentRef = refund.Id("payment_intent"),
            ChargeId = refund.Id("charge"),
            Amount = refund.Long("amount") ?? 0,
            Currency = refund.Str("currency") ?? "",
            Status = refund.Str("status") ?? "pending",
            Reason = metadata.Str(RefundMetadata.Reason) ?? refund.Str("reason"),
            RequestedBy = metadata.Str(RefundMetadata.RequestedBy),
            RequestId = Guid.TryParse(metadata.Str(RefundMetadata.RequestId), out var requestId) ? requestId : null,
            Note = metadata.Str(RefundMetadata.Note),
            CreatedAt = refund.Time("created") ?? observedAt,
        };
    }

    public static DisputeFact Dispute(JsonElement dispute, DateTimeOffset observedAt, DisputeFunds funds = DisputeFunds.Unchanged) => new()
    {
        Source = Source,
        ObservedAt = observedAt,
        ProviderDisputeId = Required(dispute.Str("id"), "dispute id"),
        PaymentRef = dispute.Id("payment_intent"),
        ChargeId = dispute.Id("charge"),
        Amount = dispute.Long("amount") ?? 0,
        Currency = dispute.Str("currency") ?? "",
        Reason = dispute.Str("reason"),
        Status = dispute.Str("status") ?? "needs_response",
        EvidenceDueBy = dispute.Obj("evidence_details").Time("due_by"),
        Funds = funds,
        CreatedAt = dispute.Time("created") ?? observedAt,
    };

    private static string Required(string? value, string what) =>
        value ?? throw new StripePayloadException($"The Stripe object has no {what}.");
}

/// <summary>A verified event whose object lacks what we need: processing fails with this message, retryable by replay.</summary>
internal sealed class StripePayloadException(string message) : Exception(message);
