using System.Globalization;
using System.Text.Json.Nodes;

namespace Serp.Admin.Tests.TestData.PayPal;

/// <summary>The PayPal ids of one purchase: order, capture, refund and dispute, unique per <paramref name="Suffix"/>.</summary>
internal sealed record PayPalPurchaseIds(string Suffix)
{
    public string Order => "5O190127TN" + Suffix;
    public string Capture => "3C679366HH" + Suffix;
    public string Refund => "1JU08902781" + Suffix;
    public string Dispute => "PP-D-" + Suffix;

    public static PayPalPurchaseIds New() => new(Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
}

/// <summary>
/// PayPal webhook events shaped as in PayPal's REST reference (envelope with <c>event_version</c> "1.0",
/// <c>resource_type</c>, <c>summary</c>, HATEOAS links; amounts as decimal strings), for one purchase.
/// </summary>
internal sealed class PayPalEvents(PayPalPurchaseIds ids, DateTimeOffset start)
{
    public const string ApiBase = "https://api.paypal.com";

    public PayPalPurchaseIds Ids { get; } = ids;

    public string CustomId { get; init; } = "offer_id=offer-serp-downloader&lander_id=lander-video&affiliate_id=aff_007";

    public string Approved(string value = "97.00", string currency = "USD") =>
        Event("CHECKOUT.ORDER.APPROVED", 3, "checkout-order", Order("APPROVED", value, currency, captured: false));

    public string OrderCompleted(string value = "97.00", string currency = "USD") =>
        Event("CHECKOUT.ORDER.COMPLETED", 5, "checkout-order", Order("COMPLETED", value, currency, captured: true));

    public string ApprovalReversed() => Event("CHECKOUT.PAYMENT-APPROVAL.REVERSED", 6 * 3600, "checkout-order", new JsonObject
    {
        ["order_id"] = Ids.Order,
        ["purchase_units"] = new JsonArray(new JsonObject { ["reference_id"] = "default", ["custom_id"] = CustomId }),
    });

    public string CaptureCompleted(string value = "97.00", string currency = "USD") =>
        Event("PAYMENT.CAPTURE.COMPLETED", 4, "capture", Capture("COMPLETED", value, currency));

    public string CapturePending(string value = "97.00", string currency = "USD") =>
        Event("PAYMENT.CAPTURE.PENDING", 4, "capture", Capture("PENDING", value, currency));

    public string CaptureDenied(string value = "97.00", string currency = "USD") =>
        Event("PAYMENT.CAPTURE.DENIED", 2 * 3600, "capture", Capture("DECLINED", value, currency));

    public string CaptureRefunded(string value = "20.00", string currency = "USD", string status = "COMPLETED", string? refundId = null, int afterSeconds = 2 * 86400) =>
        Event("PAYMENT.CAPTURE.REFUNDED", afterSeconds, "refund", Refund(refundId ?? Ids.Refund, status, value, currency));

    public string CaptureReversed(string value = "97.00", string currency = "USD") =>
        Event("PAYMENT.CAPTURE.REVERSED", 10 * 86400, "refund", Refund("8RT" + Ids.Suffix, "COMPLETED", value, currency));

    public string DisputeEvent(string type = "CUSTOMER.DISPUTE.CREATED", string status = "WAITING_FOR_SELLER_RESPONSE",
        string? outcome = null, int afterSeconds = 5 * 86400, string value = "97.00", string currency = "USD") =>
        Event(type, afterSeconds, "dispute", Dispute(status, outcome, value, currency));

    public string Unknown() => Event("BILLING.SUBSCRIPTION.CREATED", 1, "subscription", new JsonObject { ["id"] = "I-" + Ids.Suffix, ["status"] = "ACTIVE" });

    /// <summary>A resource the fake PayPal holds (an order, capture or refund) as the event PayPal would send about it now.</summary>
    public static string Wrap(string type, JsonNode resource, DateTimeOffset at) => new JsonObject
    {
        ["id"] = $"WH-{Guid.NewGuid():N}"[..20].ToUpperInvariant(),
        ["event_version"] = "1.0",
        ["create_time"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["resource_type"] = type.Split('.')[1].ToLowerInvariant(),
        ["resource_version"] = "2.0",
        ["event_type"] = type,
        ["summary"] = type,
        ["resource"] = resource.DeepClone(),
    }.ToJsonString();

    public string Event(string type, int afterSeconds, string resourceType, JsonObject resource) => new JsonObject
    {
        ["id"] = $"WH-{Ids.Suffix}-{type.Replace('.', '-')}-{afterSeconds}",
        ["event_version"] = "1.0",
        ["create_time"] = Time(afterSeconds),
        ["resource_type"] = resourceType,
        ["resource_version"] = "2.0",
        ["event_type"] = type,
        ["summary"] = $"{type} for a PayPal purchase",
        ["resource"] = resource,
        ["links"] = new JsonArray(
            Link($"{ApiBase}/v1/notifications/webhooks-events/WH-{Ids.Suffix}", "self"),
            Link($"{ApiBase}/v1/notifications/webhooks-events/WH-{Ids.Suffix}/resend", "resend", "POST")),
    }.ToJsonString();

    public JsonObject Order(string status, string value, string currency, bool captured)
    {
        var unit = new JsonObject
        {
            ["reference_id"] = "default",
            ["amount"] = Money(value, currency),
            ["payee"] = new JsonObject { ["email_address"] = "sb-merchant@business.example.com", ["merchant_id"] = "7KNGBPH2U58GQ" },
            ["custom_id"] = CustomId,
        };
        if (captured) unit["payments"] = new JsonObject { ["captures"] = new JsonArray(Capture("COMPLETED", value, currency, withOrderRef: false)) };
        return new JsonObject
        {
            ["id"] = Ids.Order,
            ["intent"] = "CAPTURE",
            ["status"] = status,
            ["purchase_units"] = new JsonArray(unit),
            ["payer"] = new JsonObject
            {
                ["name"] = new JsonObject { ["given_name"] = "Ada", ["surname"] = "Lovelace" },
                ["email_address"] = "ada@example.com",
                ["payer_id"] = "QYR5Z8XDVJNXQ",
                ["address"] = new JsonObject { ["country_code"] = "GB" },
            },
            ["create_time"] = Time(0),
            ["update_time"] = Time(3),
            ["links"] = new JsonArray(Link($"{ApiBase}/v2/checkout/orders/{Ids.Order}", "self")),
        };
    }

    public JsonObject Capture(string status, string value, string currency, bool withOrderRef = true)
    {
        var capture = new JsonObject
        {
            ["id"] = Ids.Capture,
            ["status"] = status,
            ["amount"] = Money(value, currency),
            ["final_capture"] = true,
            ["seller_protection"] = new JsonObject { ["status"] = "ELIGIBLE", ["dispute_categories"] = new JsonArray("ITEM_NOT_RECEIVED", "UNAUTHORIZED_TRANSACTION") },
            ["custom_id"] = CustomId,
            ["create_time"] = Time(1),
            ["update_time"] = Time(4),
            ["links"] = new JsonArray(
                Link($"{ApiBase}/v2/payments/captures/{Ids.Capture}", "self"),
                Link($"{ApiBase}/v2/payments/captures/{Ids.Capture}/refund", "refund", "POST"),
                Link($"{ApiBase}/v2/checkout/orders/{Ids.Order}", "up")),
        };
        if (status == "DECLINED") capture["status_details"] = new JsonObject { ["reason"] = "DECLINED_BY_RISK_FRAUD_FILTERS" };
        if (withOrderRef) capture["supplementary_data"] = new JsonObject { ["related_ids"] = new JsonObject { ["order_id"] = Ids.Order } };
        return capture;
    }

    public JsonObject Refund(string id, string status, string value, string currency) => new()
    {
        ["id"] = id,
        ["amount"] = Money(value, currency),
        ["note_to_payer"] = "Refund from the store",
        ["seller_payable_breakdown"] = new JsonObject { ["gross_amount"] = Money(value, currency), ["net_amount"] = Money(value, currency) },
        ["custom_id"] = CustomId,
        ["status"] = status,
        ["create_time"] = Time(2 * 86400),
        ["update_time"] = Time(2 * 86400),
        ["links"] = new JsonArray(
            Link($"{ApiBase}/v2/payments/refunds/{id}", "self"),
            Link($"{ApiBase}/v2/payments/captures/{Ids.Capture}", "up")),
    };

    public JsonObject Dispute(string status, string? outcome, string value, string currency)
    {
        var dispute = new JsonObject
        {
            ["dispute_id"] = Ids.Dispute,
            ["create_time"] = Time(5 * 86400),
            ["update_time"] = Time(5 * 86400),
            ["disputed_transactions"] = new JsonArray(new JsonObject
            {
                ["seller_transaction_id"] = Ids.Capture,
                ["seller"] = new JsonObject { ["merchant_id"] = "7KNGBPH2U58GQ" },
                ["create_time"] = Time(1),
                ["transaction_status"] = "COMPLETED",
                ["gross_amount"] = Money(value, currency),
                ["custom"] = CustomId,
            }),
            ["reason"] = "MERCHANDISE_OR_SERVICE_NOT_RECEIVED",
            ["status"] = status,
            ["dispute_amount"] = Money(value, currency),
            ["dispute_life_cycle_stage"] = "CHARGEBACK",
            ["dispute_channel"] = "EXTERNAL",
            ["seller_response_due_date"] = Time(20 * 86400),
            ["links"] = new JsonArray(Link($"{ApiBase}/v1/customer/disputes/{Ids.Dispute}", "self")),
        };
        if (outcome is not null) dispute["dispute_outcome"] = new JsonObject { ["outcome_code"] = outcome };
        return dispute;
    }

    public string Time(int afterSeconds) =>
        start.AddSeconds(afterSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Money(string value, string currency) => new() { ["currency_code"] = currency, ["value"] = value };

    private static JsonObject Link(string href, string rel, string method = "GET") => new() { ["href"] = href, ["rel"] = rel, ["method"] = method };
}
