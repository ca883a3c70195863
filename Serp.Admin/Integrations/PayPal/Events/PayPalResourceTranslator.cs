using System.Text.Json;
using Serp.Domain.Disputes;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;
using Serp.Domain.Refunds;

namespace Serp.Admin.Integrations.PayPal.Events;

/// <summary>
/// PayPal resources (an event's <c>resource</c>, or an order the API returned) into purchase facts, by the id mapping
/// all of Serp Admin relies on: payment ref and checkout session = the PayPal order id, charge = the capture id.
/// The same translation serves webhooks, replay, order look-ups and reconciliation.
/// </summary>
internal static class PayPalResourceTranslator
{
    private const string Source = PaymentSource.PayPal;

    /// <summary>An order (CHECKOUT.ORDER.*, or <c>GET /v2/checkout/orders/{id}</c>): its checkout, and the captures it already holds.</summary>
    public static IEnumerable<PurchaseFact> Order(JsonElement order, CheckoutOutcome outcome, DateTimeOffset observedAt)
    {
        var orderId = Required(order.Text("id"), "order id");
        var unit = order.Items("purchase_units").FirstOrDefault();
        var amount = unit.Child("amount");
        var (total, currency) = amount.ValueKind == JsonValueKind.Object ? PayPalMoney.Read(amount, "order amount") : ((long?)null, (string?)null);
        var payer = order.Child("payer");
        var attribution = PayPalCustomId.Parse(unit.Text("custom_id"));
        var captures = order.Items("purchase_units").SelectMany(u => u.Child("payments").Items("captures")).ToList();
        yield return new CheckoutFact
        {
            Source = Source,
            ObservedAt = observedAt,
            SessionId = orderId,
            PaymentRef = orderId,
            Outcome = outcome,
            Paid = captures.Any(c => c.Text("status") is "COMPLETED" or "PARTIALLY_REFUNDED" or "REFUNDED"),
            AmountTotal = total,
            Currency = currency,
            CustomerEmail = payer.Text("email_address"),
            CustomerName = NameOf(payer.Child("name")),
            MetadataJson = attribution?.MetadataJson,
            OfferId = attribution?.OfferId,
            LanderId = attribution?.LanderId,
            AffiliateId = attribution?.AffiliateId,
            CreatedAt = order.Instant("create_time") ?? observedAt,
        };
        foreach (var capture in captures)
        {
            if (Capture(capture, orderId, CaptureReport.FromStatus, observedAt) is { } fact) yield return fact;
        }
    }

    /// <summary>What a capture report says, by its event type (or, inside an order, by the capture's own status).</summary>
    public enum CaptureReport
    {
        FromStatus,
        Completed,
        Pending,
        Declined,
    }

    /// <summary>A capture: paid, still pending (the order exists, unpaid), or declined (a final failure: the order fails).</summary>
    public static PurchaseFact? Capture(JsonElement capture, string? orderId, CaptureReport report, DateTimeOffset observedAt)
    {
        var captureId = Required(capture.Text("id"), "capture id");
        orderId = capture.Child("supplementary_data").Child("related_ids").Text("order_id") ?? orderId ?? LinkedOrder(capture)
            ?? throw new PayPalPayloadException("The capture names no order (supplementary_data.related_ids.order_id).");
        if (report == CaptureReport.FromStatus)
        {
            report = capture.Text("status") switch
            {
                "COMPLETED" or "PARTIALLY_REFUNDED" or "REFUNDED" => CaptureReport.Completed,
                "PENDING" => CaptureReport.Pending,
                "DECLINED" or "FAILED" => CaptureReport.Declined,
                _ => report,
            };
        }
        var (amount, currency) = PayPalMoney.Read(capture.Child("amount"), "capture amount");
        var createdAt = capture.Instant("create_time") ?? observedAt;
        return report switch
        {
            CaptureReport.Completed or CaptureReport.Pending => new PaymentFact
            {
                Source = Source,
                ObservedAt = observedAt,
                PaymentRef = orderId,
                ChargeId = captureId,
                Amount = amount,
                Currency = currency,
                PaymentMethod = "paypal",
                Pending = report == CaptureReport.Pending,
                CreatedAt = createdAt,
            },
            CaptureReport.Declined => new PaymentFailureFact
            {
                Source = Source,
                ObservedAt = observedAt,
                PaymentRef = orderId,
                AttemptRef = captureId,
                Amount = amount,
                Currency = currency,
                FailureCode = (capture.Child("status_details").Text("reason") ?? capture.Text("status") ?? "declined").ToLowerInvariant(),
                FailureMessage = "PayPal declined the capture.",
                Final = true,
                OccurredAt = capture.Instant("update_time") ?? createdAt,
            },
            _ => null,
        };
    }

    /// <summary>A refund of a capture (PAYMENT.CAPTURE.REFUNDED): the resource is the refund, its capture the <c>up</c> link.</summary>
    public static RefundFact Refund(JsonElement refund, DateTimeOffset observedAt)
    {
        var (amount, currency) = PayPalMoney.Read(refund.Child("amount"), "refund amount");
        return new RefundFact
        {
            Source = Source,
            ObservedAt = observedAt,
            ProviderRefundId = Required(refund.Text("id"), "refund id"),
            ChargeId = refund.LinkedId("up") ?? throw new PayPalPayloadException("The refund names no capture (no link with rel \"up\")."),
            Amount = amount,
            Currency = currency,
            Status = RefundStatusOf(refund.Text("status")),
            // A refund made from the desk carries our refund request id as its custom_id (PayPalClient sets it).
            RequestId = Guid.TryParse(refund.Text("custom_id"), out var requestId) ? requestId : null,
            CreatedAt = refund.Instant("create_time") ?? observedAt,
        };
    }

    public static string RefundStatusOf(string? status) => status switch
    {
        "COMPLETED" => RefundStatus.Succeeded,
        "FAILED" => RefundStatus.Failed,
        "CANCELLED" => RefundStatus.Canceled,
        _ => RefundStatus.Pending,
    };

    /// <summary>
    /// PAYMENT.CAPTURE.REVERSED: PayPal took the money back (a chargeback or a reversal it decided), recorded as a lost
    /// dispute of that capture, one per capture.
    /// </summary>
    public static DisputeFact Reversal(JsonElement resource, DateTimeOffset observedAt)
    {
        var captureId = resource.Items("links").Any(l => l.Text("rel") == "up" && (l.Text("href") ?? "").Contains("/captures/", StringComparison.Ordinal))
            ? resource.LinkedId("up")!
            : Required(resource.Text("id"), "capture id");
        var (amount, currency) = PayPalMoney.Read(resource.Child("amount"), "reversed amount");
        return new DisputeFact
        {
            Source = Source,
            ObservedAt = observedAt,
            ProviderDisputeId = "REVERSAL-" + captureId,
            ChargeId = captureId,
            Amount = amount,
            Currency = currency,
            Reason = "capture_reversed",
            Status = DisputeStatus.Lost,
            Funds = DisputeFunds.Withdrawn,
            CreatedAt = resource.Instant("create_time") ?? observedAt,
        };
    }

    /// <summary>A dispute (CUSTOMER.DISPUTE.*), linked to its capture by <c>disputed_transactions[].seller_transaction_id</c>.</summary>
    public static DisputeFact Dispute(JsonElement dispute, DateTimeOffset observedAt)
    {
        var captureId = dispute.Items("disputed_transactions").Select(t => t.Text("seller_transaction_id")).FirstOrDefault(id => id is not null)
            ?? throw new PayPalPayloadException("The dispute names no capture (disputed_transactions[].seller_transaction_id).");
        var (amount, currency) = PayPalMoney.Read(dispute.Child("dispute_amount"), "disputed amount");
        return new DisputeFact
        {
            Source = Source,
            ObservedAt = observedAt,
            ProviderDisputeId = Required(dispute.Text("dispute_id"), "dispute id"),
            ChargeId = captureId,
            Amount = amount,
            Currency = currency,
            Reason = dispute.Text("reason")?.ToLowerInvariant(),
            Status = PayPalDisputeStatus.Map(dispute.Text("status"), dispute.Child("dispute_outcome")),
            EvidenceDueBy = dispute.Instant("seller_response_due_date"),
            CreatedAt = dispute.Instant("create_time") ?? observedAt,
        };
    }

    private static string? NameOf(JsonElement name)
    {
        var full = $"{name.Text("given_name")} {name.Text("surname")}".Trim();
        return full.Length == 0 ? null : full;
    }

    private static string? LinkedOrder(JsonElement capture) =>
        capture.Items("links").Any(l => l.Text("rel") == "up" && (l.Text("href") ?? "").Contains("/checkout/orders/", StringComparison.Ordinal))
            ? capture.LinkedId("up")
            : null;

    private static string Required(string? value, string what) =>
        value ?? throw new PayPalPayloadException($"The PayPal resource has no {what}.");
}
