using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serp.Admin.Tests.TestData.Stripe;

/// <summary>
/// Stripe event payloads shaped as in Stripe's API reference (the fields Stripe sends, not only the ones we read),
/// for one purchase identified by <see cref="Ids"/>. Stripe.net deserializes every one of them (a test checks).
/// </summary>
internal sealed class StripeEvents(StripePurchaseIds ids, DateTimeOffset start)
{
    public const string CurrentApiVersion = "2026-10-28.endive";

    public StripePurchaseIds Ids { get; } = ids;

    public string SessionCompleted(string paymentStatus = "paid", string offerId = "offer-serp-downloader", long amount = 9700,
        string currency = "usd", string apiVersion = CurrentApiVersion) =>
        Event("checkout.session.completed", 5, Session("complete", paymentStatus, offerId, amount, currency), apiVersion);

    public string SessionAsync(bool succeeded) =>
        Event(succeeded ? "checkout.session.async_payment_succeeded" : "checkout.session.async_payment_failed", 3 * 3600,
            Session("complete", succeeded ? "paid" : "unpaid", "offer-serp-downloader", 9700, "usd"));

    public string SessionExpired() =>
        Event("checkout.session.expired", 24 * 3600, Session("expired", "unpaid", "offer-serp-downloader", 9700, "usd", paymentIntent: false));

    public string IntentSucceeded(long amount = 9700) => Event("payment_intent.succeeded", 4, Intent("succeeded", amount));

    public string IntentFailed() => Event("payment_intent.payment_failed", 2, Intent("requires_payment_method", 9700, failed: true));

    public string ChargeSucceeded(long amount = 9700) => Event("charge.succeeded", 4, Charge(amount, 0));

    public string ChargeRefunded(long amountRefunded) => Event("charge.refunded", 2 * 86400, Charge(9700, amountRefunded));

    public string RefundEvent(string type = "refund.created", string status = "succeeded", long amount = 2000, string id = "1", int afterSeconds = 2 * 86400) =>
        Event(type, afterSeconds, Refund(status, amount, id));

    public string DisputeEvent(string type = "charge.dispute.created", string status = "needs_response", int afterSeconds = 5 * 86400) =>
        Event(type, afterSeconds, Dispute(status));

    public string Unknown() => Event("customer.created", 1, new JsonObject { ["id"] = "cus_" + Ids.Suffix, ["object"] = "customer", ["email"] = "ada@example.com" });

    public string Event(string type, int afterSeconds, JsonObject data, string apiVersion = CurrentApiVersion) => new JsonObject
    {
        ["id"] = $"evt_{Ids.Suffix}_{type.Replace('.', '_')}_{afterSeconds}",
        ["object"] = "event",
        ["api_version"] = apiVersion,
        ["created"] = Unix(afterSeconds),
        ["data"] = new JsonObject { ["object"] = data },
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type,
    }.ToJsonString();

    public JsonObject Session(string status, string paymentStatus, string offerId, long amount, string currency, bool paymentIntent = true) => new()
    {
        ["id"] = Ids.Session,
        ["object"] = "checkout.session",
        ["amount_subtotal"] = amount,
        ["amount_total"] = amount,
        ["created"] = Unix(0),
        ["currency"] = currency,
        ["customer"] = null,
        ["customer_details"] = new JsonObject
        {
            ["address"] = new JsonObject { ["country"] = "GB", ["postal_code"] = "N1 9GU" },
            ["email"] = Ids.Email,
            ["name"] = "Ada Lovelace",
            ["phone"] = null,
            ["tax_exempt"] = "none",
        },
        ["customer_email"] = null,
        ["expires_at"] = Unix(86400),
        ["livemode"] = false,
        ["metadata"] = new JsonObject { ["offer_id"] = offerId, ["lander_id"] = "lander-video", ["affiliate_id"] = "aff_007" },
        ["mode"] = "payment",
        ["payment_intent"] = paymentIntent ? Ids.PaymentIntent : null,
        ["payment_method_types"] = new JsonArray("card", "link"),
        ["payment_status"] = paymentStatus,
        ["status"] = status,
        ["success_url"] = "https://store.example.com/thanks",
        ["url"] = null,
    };

    public JsonObject Intent(string status, long amount, bool failed = false) => new()
    {
        ["id"] = Ids.PaymentIntent,
        ["object"] = "payment_intent",
        ["amount"] = amount,
        ["amount_received"] = status == "succeeded" ? amount : 0,
        ["capture_method"] = "automatic",
        ["created"] = Unix(1),
        ["currency"] = "usd",
        ["customer"] = null,
        ["last_payment_error"] = failed
            ? new JsonObject
            {
                ["charge"] = "ch_declined_" + Ids.Suffix,
                ["code"] = "card_declined",
                ["decline_code"] = "insufficient_funds",
                ["message"] = "Your card has insufficient funds.",
                ["type"] = "card_error",
            }
            : null,
        ["latest_charge"] = failed ? "ch_declined_" + Ids.Suffix : Ids.Charge,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["payment_method"] = "pm_" + Ids.Suffix,
        ["payment_method_types"] = new JsonArray("card"),
        ["receipt_email"] = null,
        ["status"] = status,
    };

    public JsonObject Charge(long amount, long amountRefunded) => new()
    {
        ["id"] = Ids.Charge,
        ["object"] = "charge",
        ["amount"] = amount,
        ["amount_captured"] = amount,
        ["amount_refunded"] = amountRefunded,
        ["balance_transaction"] = "txn_" + Ids.Suffix,
        ["billing_details"] = new JsonObject
        {
            ["address"] = new JsonObject { ["country"] = "GB" },
            ["email"] = "billing@example.com",
            ["name"] = "A. Lovelace",
            ["phone"] = null,
        },
        ["captured"] = true,
        ["created"] = Unix(3),
        ["currency"] = "usd",
        ["disputed"] = false,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["outcome"] = new JsonObject { ["network_status"] = "approved_by_network", ["risk_level"] = "normal", ["type"] = "authorized" },
        ["paid"] = true,
        ["payment_intent"] = Ids.PaymentIntent,
        ["payment_method"] = "pm_" + Ids.Suffix,
        ["payment_method_details"] = new JsonObject
        {
            ["card"] = new JsonObject { ["brand"] = "visa", ["last4"] = "4242", ["exp_month"] = 12, ["exp_year"] = 2030 },
            ["type"] = "card",
        },
        ["refunded"] = amountRefunded >= amount,
        ["status"] = "succeeded",
    };

    public JsonObject Refund(string status, long amount, string id) => new()
    {
        ["id"] = $"re_{Ids.Suffix}_{id}",
        ["object"] = "refund",
        ["amount"] = amount,
        ["balance_transaction"] = "txn_re_" + Ids.Suffix,
        ["charge"] = Ids.Charge,
        ["created"] = Unix(2 * 86400),
        ["currency"] = "usd",
        ["metadata"] = new JsonObject(),
        ["payment_intent"] = Ids.PaymentIntent,
        ["reason"] = "requested_by_customer",
        ["status"] = status,
    };

    public JsonObject Dispute(string status) => new()
    {
        ["id"] = "dp_" + Ids.Suffix,
        ["object"] = "dispute",
        ["amount"] = 9700,
        ["balance_transactions"] = new JsonArray(),
        ["charge"] = Ids.Charge,
        ["created"] = Unix(5 * 86400),
        ["currency"] = "usd",
        ["evidence_details"] = new JsonObject
        {
            ["due_by"] = Unix(20 * 86400), ["has_evidence"] = false, ["past_due"] = false, ["submission_count"] = 0,
        },
        ["is_charge_refundable"] = false,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["payment_intent"] = Ids.PaymentIntent,
        ["reason"] = "fraudulent",
        ["status"] = status,
    };

    private long Unix(int afterSeconds) => start.AddSeconds(afterSeconds).ToUnixTimeSeconds();
}

/// <summary>The ids of one test purchase, unique per <paramref name="Suffix"/>.</summary>
internal sealed record StripePurchaseIds(string Suffix)
{
    public string Session => "cs_test_" + Suffix;
    public string PaymentIntent => "pi_" + Suffix;
    public string Charge => "ch_" + Suffix;
    public string Email => $"ada.{Suffix.ToLowerInvariant()}@example.com";

    public static StripePurchaseIds New() =>
        new(Guid.NewGuid().ToString("N")[..16].ToUpper(CultureInfo.InvariantCulture));
}
