using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Serp.Domain.Checkout;
using Serp.Domain.Data;
using Serp.Domain.Orders;

namespace Serp.Domain.Purchases;

/// <summary>
/// Where each source keeps the provider ids of a purchase (columns are contract, shared/ARCHITECTURE.md).
/// Stripe: payment ref → <c>stripe_payment_intent_id</c>, session → <c>stripe_session_id</c>, charge →
/// <c>stripe_charge_id</c>. PayPal: payment ref and session are both the PayPal order id → <c>paypal_order_id</c>,
/// charge → <c>paypal_capture_id</c>; its checkout session has no column of its own and is found through
/// <c>metadata->>'paypal_order_id'</c> (docs/decisions/0019).
/// </summary>
public static class PurchaseColumns
{
    /// <summary>The metadata key that identifies a PayPal checkout session (unique per source, expression index).</summary>
    public const string PayPalOrderIdKey = "paypal_order_id";

    /// <summary>A fact from a source the ledger has no columns for is a bug in its translator, not data to store.</summary>
    public static string Require(string source) => source is PaymentSource.Stripe or PaymentSource.PayPal
        ? source
        : throw new ArgumentException($"Unknown payment source '{source}'.", nameof(source));

    /// <summary>
    /// A checkout's payment ref. A PayPal order is both the session and the payment, so its checkout always names the
    /// payment (the order id), and the order row gets the same id whichever fact creates it.
    /// </summary>
    internal static string? CheckoutPaymentRef(CheckoutFact fact)
    {
        if (Require(fact.Source) != PaymentSource.PayPal) return fact.PaymentRef;
        if (fact.PaymentRef is not null && fact.PaymentRef != fact.SessionId)
        {
            throw new ArgumentException("A PayPal checkout's session and payment are both the PayPal order id.", nameof(fact));
        }
        return fact.SessionId;
    }

    public static string? PaymentRef(Order order, string source)
    {
        ArgumentNullException.ThrowIfNull(order);
        return Require(source) == PaymentSource.PayPal ? order.PaypalOrderId : order.StripePaymentIntentId;
    }

    public static string? ChargeRef(Order order, string source)
    {
        ArgumentNullException.ThrowIfNull(order);
        return Require(source) == PaymentSource.PayPal ? order.PaypalCaptureId : order.StripeChargeId;
    }

    /// <summary>Checkout's ids: the session it came from (Stripe's is replaced, as checkout knows best) and the payment.</summary>
    internal static void SetCheckout(Order order, string source, string sessionId, string? paymentRef)
    {
        if (Require(source) == PaymentSource.PayPal)
        {
            order.PaypalOrderId ??= paymentRef ?? sessionId;
            return;
        }
        order.StripeSessionId = sessionId;
        order.StripePaymentIntentId ??= paymentRef;
    }

    internal static void SetPayment(Order order, string source, string? paymentRef)
    {
        if (Require(source) == PaymentSource.PayPal) order.PaypalOrderId ??= paymentRef;
        else order.StripePaymentIntentId ??= paymentRef;
    }

    internal static void SetCharge(Order order, string source, string? chargeId)
    {
        if (Require(source) == PaymentSource.PayPal) order.PaypalCaptureId ??= chargeId;
        else order.StripeChargeId ??= chargeId;
    }

    /// <summary>
    /// A session's own ids. A PayPal session keeps its order id in the metadata, whatever metadata the fact brings
    /// (<c>stripe_session_id</c> holds Stripe ids only).
    /// </summary>
    internal static void SetSession(CheckoutSession session, string source, string sessionId, string? paymentRef, string? metadataJson)
    {
        if (Require(source) == PaymentSource.PayPal)
        {
            var current = session.Metadata?.RootElement;
            if (metadataJson is null && current?.ValueKind == JsonValueKind.Object
                && current.Value.TryGetProperty(PayPalOrderIdKey, out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == sessionId)
            {
                return;
            }
            var metadata = JsonNode.Parse(metadataJson ?? current?.GetRawText() ?? "{}") as JsonObject ?? [];
            metadata[PayPalOrderIdKey] = sessionId;
            session.Metadata = JsonDocument.Parse(metadata.ToJsonString());
            return;
        }
        session.StripeSessionId ??= sessionId;
        session.StripePaymentIntentId ??= paymentRef;
        if (metadataJson is not null) session.Metadata = JsonDocument.Parse(metadataJson);
    }

    internal static Task<Order?> OrderByPaymentAsync(SerpDbContext db, string source, string paymentRef, CancellationToken ct) =>
        Require(source) == PaymentSource.PayPal
            ? db.Orders.FirstOrDefaultAsync(o => o.PaypalOrderId == paymentRef, ct)
            : db.Orders.FirstOrDefaultAsync(o => o.StripePaymentIntentId == paymentRef, ct);

    internal static Task<Order?> OrderBySessionAsync(SerpDbContext db, string source, string sessionId, CancellationToken ct) =>
        Require(source) == PaymentSource.PayPal
            ? db.Orders.FirstOrDefaultAsync(o => o.PaypalOrderId == sessionId, ct)
            : db.Orders.FirstOrDefaultAsync(o => o.StripeSessionId == sessionId, ct);

    internal static Task<Order?> OrderByChargeAsync(SerpDbContext db, string source, string chargeId, CancellationToken ct) =>
        Require(source) == PaymentSource.PayPal
            ? db.Orders.FirstOrDefaultAsync(o => o.PaypalCaptureId == chargeId, ct)
            : db.Orders.FirstOrDefaultAsync(o => o.StripeChargeId == chargeId, ct);

    /// <summary>The session by its provider id; for PayPal, a row the storefront inserted is found by its metadata too.</summary>
    internal static Task<CheckoutSession?> SessionAsync(SerpDbContext db, string source, string sessionId, CancellationToken ct) =>
        Require(source) == PaymentSource.PayPal
            ? db.CheckoutSessions.FirstOrDefaultAsync(s => s.Source == PaymentSource.PayPal
                && s.Metadata!.RootElement.GetProperty(PayPalOrderIdKey).GetString() == sessionId, ct)
            : db.CheckoutSessions.FirstOrDefaultAsync(s => s.StripeSessionId == sessionId, ct);
}
