using System.Text.Json;
using Serp.Admin.Integrations.PayPal.FollowUps;
using Serp.Domain.Purchases;
using static Serp.Admin.Integrations.PayPal.Events.PayPalResourceTranslator;

namespace Serp.Admin.Integrations.PayPal.Events;

/// <summary>A PayPal webhook event into the facts it carries; null for event types Serp Admin does not use (stored, then ignored).</summary>
internal static class PayPalEventTranslator
{
    /// <summary>Every event type <see cref="Translate"/> turns into facts.</summary>
    public static IReadOnlyList<string> HandledTypes { get; } =
    [
        "CHECKOUT.ORDER.APPROVED", "CHECKOUT.ORDER.COMPLETED", "CHECKOUT.PAYMENT-APPROVAL.REVERSED",
        "PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.PENDING", "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED",
        "PAYMENT.CAPTURE.REFUNDED", "PAYMENT.CAPTURE.REVERSED",
        "CUSTOMER.DISPUTE.CREATED", "CUSTOMER.DISPUTE.UPDATED", "CUSTOMER.DISPUTE.RESOLVED",
    ];

    public static IReadOnlyList<PurchaseFact>? Translate(JsonElement root)
    {
        var type = root.Text("event_type");
        var observedAt = root.Instant("create_time") ?? throw new PayPalPayloadException("The event has no create_time.");
        var resource = root.Child("resource");
        if (resource.ValueKind != JsonValueKind.Object) throw new PayPalPayloadException("The event has no resource.");

        return type switch
        {
            // The buyer approved: the order exists (pending, with the payer and attribution) until a capture pays it;
            // one approved and never captured stays pending on the desk, its checkout pending in the funnel.
            "CHECKOUT.ORDER.APPROVED" => [.. Order(resource, CheckoutOutcome.Approved, observedAt)],
            "CHECKOUT.ORDER.COMPLETED" => [.. Order(resource, CheckoutOutcome.Completed, observedAt)],
            // Our own: the order as PayPal returned it to a payer look-up or to our capture, by its status then.
            PayPalFollowUps.LookupType or PayPalFollowUps.CaptureType =>
                [.. Order(resource, resource.Text("status") == "COMPLETED" ? CheckoutOutcome.Completed : CheckoutOutcome.Approved, observedAt)],
            "CHECKOUT.PAYMENT-APPROVAL.REVERSED" => [ApprovalReversed(resource, observedAt)],
            "PAYMENT.CAPTURE.COMPLETED" => Some(Capture(resource, null, CaptureReport.Completed, observedAt)),
            "PAYMENT.CAPTURE.PENDING" => Some(Capture(resource, null, CaptureReport.Pending, observedAt)),
            "PAYMENT.CAPTURE.DENIED" or "PAYMENT.CAPTURE.DECLINED" => Some(Capture(resource, null, CaptureReport.Declined, observedAt)),
            "PAYMENT.CAPTURE.REFUNDED" => [Refund(resource, observedAt)],
            "PAYMENT.CAPTURE.REVERSED" => [Reversal(resource, observedAt)],
            "CUSTOMER.DISPUTE.CREATED" or "CUSTOMER.DISPUTE.UPDATED" or "CUSTOMER.DISPUTE.RESOLVED" => [Dispute(resource, observedAt)],
            _ => null,
        };
    }

    /// <summary>The buyer's approval was reversed before capture: the checkout failed (its resource names the order).</summary>
    private static CheckoutFact ApprovalReversed(JsonElement resource, DateTimeOffset observedAt)
    {
        var orderId = resource.Text("order_id") ?? resource.Text("id") ?? throw new PayPalPayloadException("The reversal names no order.");
        return new CheckoutFact
        {
            Source = Serp.Domain.Orders.PaymentSource.PayPal,
            ObservedAt = observedAt,
            SessionId = orderId,
            PaymentRef = orderId,
            Outcome = CheckoutOutcome.AsyncPaymentFailed,
            CreatedAt = observedAt,
        };
    }

    private static PurchaseFact[] Some(PurchaseFact? fact) => fact is null ? [] : [fact];
}
