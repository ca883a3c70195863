using System.Text.Json;
using Serp.Domain.Purchases;

namespace Serp.Admin.Integrations.Stripe;

/// <summary>A Stripe event into the facts it carries; null for event types Serp Admin does not use (stored, then ignored).</summary>
internal static class StripeEventTranslator
{
    /// <summary>Every event type <see cref="Translate"/> turns into facts (reconciliation asks Stripe for these only).</summary>
    public static IReadOnlyList<string> HandledTypes { get; } =
    [
        "checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed",
        "checkout.session.expired", "payment_intent.succeeded", "payment_intent.payment_failed", "charge.succeeded",
        "charge.refunded", "refund.created", "refund.updated", "refund.failed", "charge.refund.updated",
        "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed", "charge.dispute.funds_withdrawn",
        "charge.dispute.funds_reinstated",
    ];

    /// <summary>
    /// The type prefix of the events reconciliation makes of listed objects it could not apply
    /// (<c>reconciliation.charges</c>…): on replay they translate exactly as reconciliation translates the listing.
    /// Never sent by Stripe, so never in <see cref="HandledTypes"/>.
    /// </summary>
    public const string ReconciledPrefix = "reconciliation.";

    public static IReadOnlyList<PurchaseFact>? Translate(JsonElement root)
    {
        var type = root.Str("type");
        var eventId = root.Str("id") ?? "";
        var observedAt = root.Time("created") ?? throw new StripePayloadException("The event has no created time.");
        var obj = root.Obj("data").Obj("object");
        if (obj.ValueKind != JsonValueKind.Object) throw new StripePayloadException("The event has no data.object.");

        return type switch
        {
            "checkout.session.completed" => [StripeObjectTranslator.Session(obj, CheckoutOutcome.Completed, observedAt)],
            "checkout.session.async_payment_succeeded" => [StripeObjectTranslator.Session(obj, CheckoutOutcome.AsyncPaymentSucceeded, observedAt)],
            "checkout.session.async_payment_failed" => [StripeObjectTranslator.Session(obj, CheckoutOutcome.AsyncPaymentFailed, observedAt)],
            "checkout.session.expired" => [StripeObjectTranslator.Session(obj, CheckoutOutcome.Expired, observedAt)],
            "payment_intent.succeeded" => Some(StripeObjectTranslator.PaymentIntent(obj, observedAt)),
            "payment_intent.payment_failed" => [StripeObjectTranslator.PaymentFailure(obj, eventId, observedAt)],
            "charge.succeeded" => Some(StripeObjectTranslator.Charge(obj, observedAt)),
            "charge.refunded" => [.. Some(StripeObjectTranslator.Charge(obj, observedAt)),
                .. obj.ListData("refunds").Select(r => StripeObjectTranslator.Refund(r, observedAt))],
            "refund.created" or "refund.updated" or "refund.failed" or "charge.refund.updated" =>
                [StripeObjectTranslator.Refund(obj, observedAt)],
            "charge.dispute.created" or "charge.dispute.updated" or "charge.dispute.closed" =>
                [StripeObjectTranslator.Dispute(obj, observedAt)],
            "charge.dispute.funds_withdrawn" => [StripeObjectTranslator.Dispute(obj, observedAt, DisputeFunds.Withdrawn)],
            "charge.dispute.funds_reinstated" => [StripeObjectTranslator.Dispute(obj, observedAt, DisputeFunds.Reinstated)],
            _ when type?.StartsWith(ReconciledPrefix, StringComparison.Ordinal) == true
                && StripeListing.Resources.FirstOrDefault(r => ReconciledPrefix + r.Name == type) is { } resource =>
                Some(resource.Translate(obj, observedAt)),
            _ => null,
        };
    }

    private static PurchaseFact[] Some(PurchaseFact? fact) => fact is null ? [] : [fact];
}
