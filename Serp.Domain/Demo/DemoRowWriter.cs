using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;
using Serp.Domain.Catalog;
using Serp.Domain.Licenses;
using Serp.Domain.Orders;
using static Serp.Domain.Demo.DemoDataGenerator;

namespace Serp.Domain.Demo;

/// <summary>
/// The demo rows of one plan, consistent with what the purchase rules would have produced: a refunded order has
/// its refund row and refunded total, a disputed one its dispute, a paid licensed one its license.
/// </summary>
internal sealed class DemoRowWriter(CatalogOffer[] offers, string[] landers, (string Code, decimal PerUsd, int Weight)[] currencies, DateTimeOffset now)
{
    /// <summary>Days from a purchase to its refund or dispute: an order younger than this has neither (DemoDataGenerator).</summary>
    public const int AftercareDays = 6;

    public const string OrdersCopy =
        "COPY orders (id, checkout_session_id, stripe_session_id, stripe_payment_intent_id, stripe_charge_id, " +
        "paypal_order_id, paypal_capture_id, amount_total, currency, offer_id, lander_id, affiliate_id, customer_email, " +
        "customer_name, metadata, payment_status, payment_method, source, created_at, updated_at, paid_at, failed_at, " +
        "amount_refunded) FROM STDIN (FORMAT BINARY)";

    public const string RefundsCopy =
        "COPY refunds (id, order_id, source, provider_refund_id, payment_ref, charge_id, amount, currency, status, reason, " +
        "observed_at, created_at, updated_at) FROM STDIN (FORMAT BINARY)";

    public const string DisputesCopy =
        "COPY disputes (id, order_id, source, provider_dispute_id, payment_ref, charge_id, amount, currency, reason, status, " +
        "evidence_due_by, observed_at, created_at, updated_at, closed_at) FROM STDIN (FORMAT BINARY)";

    public const string FailuresCopy =
        "COPY payment_failures (id, source, payment_ref, attempt_ref, customer_email, offer_id, amount, currency, failure_code, " +
        "failure_message, occurred_at) FROM STDIN (FORMAT BINARY)";

    private static readonly (string Code, string Message)[] Declines =
    [
        ("card_declined", "Your card was declined."), ("insufficient_funds", "Your card has insufficient funds."),
        ("expired_card", "Your card has expired."), ("incorrect_cvc", "Your card's security code is incorrect."),
        ("processing_error", "An error occurred while processing your card."),
    ];

    public const string LicensesCopy =
        "COPY licenses (id, order_id, product_id, key, status, issued_at, revoked_at, revoke_reason) FROM STDIN (FORMAT BINARY)";

    public void WriteOrder(NpgsqlBinaryImporter importer, DemoPlan plan)
    {
        var stripe = plan.Source == PaymentSource.Stripe;
        var failed = plan.PaymentStatus == PaymentStatus.Failed;
        importer.StartRow();
        importer.Write(plan.OrderId, NpgsqlDbType.Uuid);
        importer.Write(plan.SessionId, NpgsqlDbType.Uuid);
        WriteText(importer, stripe ? "cs_test_" + plan.IdSuffix : null);
        WriteText(importer, stripe ? PaymentIntent(plan) : null);
        WriteText(importer, stripe && !failed ? "ch_3" + plan.IdSuffix : null);
        WriteText(importer, stripe ? null : PayPalOrder(plan));
        // PayPal captures the money in one step: no capture id before the order is paid.
        WriteText(importer, stripe || !WasPaid(plan) ? null : Capture(plan));
        importer.Write(Amount(plan), NpgsqlDbType.Bigint);
        importer.Write(currencies[plan.Currency].Code, NpgsqlDbType.Text);
        importer.Write(offers[plan.Offer].OfferId, NpgsqlDbType.Text);
        importer.Write(landers[plan.Lander], NpgsqlDbType.Text);
        WriteText(importer, plan.AffiliateId);
        importer.Write(DemoNames.Email(plan.Customer), NpgsqlDbType.Text);
        importer.Write(DemoNames.Name(plan.Customer), NpgsqlDbType.Text);
        importer.Write(Metadata(offers, landers, plan), NpgsqlDbType.Jsonb);
        importer.Write(plan.PaymentStatus!, NpgsqlDbType.Text);
        importer.Write(plan.PaymentMethod, NpgsqlDbType.Text);
        importer.Write(plan.Source, NpgsqlDbType.Text);
        importer.Write(plan.CreatedAt, NpgsqlDbType.TimestampTz);
        importer.Write(AfterSale(plan) ? plan.CreatedAt.AddDays(6) : plan.CreatedAt.AddMinutes(2), NpgsqlDbType.TimestampTz);
        WriteTime(importer, WasPaid(plan) ? plan.CreatedAt.AddMinutes(2) : null);
        WriteTime(importer, failed ? plan.CreatedAt.AddMinutes(2) : null);
        importer.Write(Refunded(plan), NpgsqlDbType.Bigint);
    }

    public void WriteRefund(NpgsqlBinaryImporter importer, DemoPlan plan)
    {
        if (Refunded(plan) == 0) return;
        var stripe = plan.Source == PaymentSource.Stripe;
        var id = stripe ? "re_3" + plan.IdSuffix : "RF" + plan.IdSuffix[2..17].ToUpperInvariant();
        var at = plan.CreatedAt.AddDays(AftercareDays);
        importer.StartRow();
        importer.Write(Purchases.StableId.ForProvider(plan.Source, "refund", id), NpgsqlDbType.Uuid);
        importer.Write(plan.OrderId, NpgsqlDbType.Uuid);
        importer.Write(plan.Source, NpgsqlDbType.Text);
        importer.Write(id, NpgsqlDbType.Text);
        // PayPal: the capture id is both the payment the refund/dispute belongs to (Refund.PaymentRef) and its charge.
        importer.Write(stripe ? PaymentIntent(plan) : Capture(plan), NpgsqlDbType.Text);
        importer.Write(stripe ? "ch_3" + plan.IdSuffix : Capture(plan), NpgsqlDbType.Text);
        importer.Write(Refunded(plan), NpgsqlDbType.Bigint);
        importer.Write(currencies[plan.Currency].Code, NpgsqlDbType.Text);
        importer.Write(Refunds.RefundStatus.Succeeded, NpgsqlDbType.Text);
        importer.Write("requested_by_customer", NpgsqlDbType.Text);
        importer.Write(at, NpgsqlDbType.TimestampTz);
        importer.Write(at, NpgsqlDbType.TimestampTz);
        importer.Write(at, NpgsqlDbType.TimestampTz);
    }

    public void WriteDispute(NpgsqlBinaryImporter importer, DemoPlan plan)
    {
        if (plan.PaymentStatus != PaymentStatus.Disputed) return;
        var stripe = plan.Source == PaymentSource.Stripe;
        var id = stripe ? "dp_1" + plan.IdSuffix : "PP-D-" + plan.IdSuffix[..10].ToUpperInvariant();
        var opened = plan.CreatedAt.AddDays(AftercareDays);
        var closed = Disputes.DisputeStatus.IsClosed(plan.DisputeStatus);
        importer.StartRow();
        importer.Write(Purchases.StableId.ForProvider(plan.Source, "dispute", id), NpgsqlDbType.Uuid);
        importer.Write(plan.OrderId, NpgsqlDbType.Uuid);
        importer.Write(plan.Source, NpgsqlDbType.Text);
        importer.Write(id, NpgsqlDbType.Text);
        // PayPal: the capture id is both the payment the refund/dispute belongs to (Refund.PaymentRef) and its charge.
        importer.Write(stripe ? PaymentIntent(plan) : Capture(plan), NpgsqlDbType.Text);
        importer.Write(stripe ? "ch_3" + plan.IdSuffix : Capture(plan), NpgsqlDbType.Text);
        importer.Write(Amount(plan), NpgsqlDbType.Bigint);
        importer.Write(currencies[plan.Currency].Code, NpgsqlDbType.Text);
        importer.Write(plan.IdSuffix[0] < 'N' ? "fraudulent" : "product_not_received", NpgsqlDbType.Text);
        importer.Write(plan.DisputeStatus, NpgsqlDbType.Text);
        importer.Write(opened.AddDays(14), NpgsqlDbType.TimestampTz);
        importer.Write(opened, NpgsqlDbType.TimestampTz);
        importer.Write(opened, NpgsqlDbType.TimestampTz);
        importer.Write(opened, NpgsqlDbType.TimestampTz);
        WriteTime(importer, closed ? NotAfterNow(opened, opened.AddDays(30)) : null);
    }

    /// <summary>
    /// <paramref name="wanted"/>, or halfway from <paramref name="start"/> to now when it lies in the future: a dispute
    /// opened last week is closed by now, not next month.
    /// </summary>
    private DateTimeOffset NotAfterNow(DateTimeOffset start, DateTimeOffset wanted) =>
        wanted <= now ? wanted : start + (now - start) / 2;

    /// <summary>The declined attempt behind a failed order, as the payment_intent.payment_failed handler records it.</summary>
    public void WriteFailure(NpgsqlBinaryImporter importer, DemoPlan plan)
    {
        if (plan.PaymentStatus != PaymentStatus.Failed) return;
        var stripe = plan.Source == PaymentSource.Stripe;
        var (code, message) = Declines[plan.IdSuffix[1] % Declines.Length];
        var attempt = stripe ? "ch_3" + plan.IdSuffix : PayPalOrder(plan) + "-1";
        importer.StartRow();
        importer.Write(Purchases.StableId.For("failure", attempt), NpgsqlDbType.Uuid);
        importer.Write(plan.Source, NpgsqlDbType.Text);
        importer.Write(stripe ? PaymentIntent(plan) : PayPalOrder(plan), NpgsqlDbType.Text);
        importer.Write(attempt, NpgsqlDbType.Text);
        importer.Write(DemoNames.Email(plan.Customer), NpgsqlDbType.Text);
        importer.Write(offers[plan.Offer].OfferId, NpgsqlDbType.Text);
        importer.Write(Amount(plan), NpgsqlDbType.Bigint);
        importer.Write(currencies[plan.Currency].Code, NpgsqlDbType.Text);
        importer.Write(code, NpgsqlDbType.Text);
        importer.Write(message, NpgsqlDbType.Text);
        importer.Write(plan.CreatedAt.AddMinutes(2), NpgsqlDbType.TimestampTz);
    }

    public void WriteLicense(NpgsqlBinaryImporter importer, DemoPlan plan)
    {
        var offer = offers[plan.Offer];
        if (!offer.Licensed || !WasPaid(plan)) return;
        var revoked = LicenseRules.ShouldBeRevoked(plan.PaymentStatus!);
        importer.StartRow();
        importer.Write(Purchases.StableId.For("license", $"{plan.OrderId}:{offer.ProductId}"), NpgsqlDbType.Uuid);
        importer.Write(plan.OrderId, NpgsqlDbType.Uuid);
        importer.Write(offer.ProductId, NpgsqlDbType.Text);
        importer.Write(Key(plan.OrderId), NpgsqlDbType.Text);
        importer.Write(revoked ? LicenseStatus.Revoked : LicenseStatus.Active, NpgsqlDbType.Text);
        importer.Write(plan.CreatedAt.AddMinutes(2), NpgsqlDbType.TimestampTz);
        WriteTime(importer, revoked ? plan.CreatedAt.AddDays(6) : null);
        WriteText(importer, revoked ? LicenseRules.RevokeReason(plan.PaymentStatus!) : null);
    }

    /// <summary>The offer's price converted and rounded the way a store prices per currency (49 → €44.99, ¥7,400).</summary>
    public long Amount(DemoPlan plan)
    {
        var (code, perUsd, _) = currencies[plan.Currency];
        if (perUsd == 1m) return offers[plan.Offer].Price;
        var usdMajor = offers[plan.Offer].Price / 100m;
        var major = Math.Round(usdMajor * perUsd, MidpointRounding.AwayFromZero);
        return Money.Money.DecimalsOf(code) == 0
            ? (long)(Math.Round(major / 100m, MidpointRounding.AwayFromZero) * 100m)
            : (long)major * 100 - 1;
    }

    /// <summary>
    /// Checkout metadata as the storefront writes it, plus the demo marker (<see cref="DemoMarker"/>): the GHL sync
    /// never pushes a customer with a demo order or checkout to a CRM.
    /// </summary>
    public static string Metadata(CatalogOffer[] offers, string[] landers, DemoPlan plan)
    {
        var affiliate = plan.AffiliateId is null ? "" : $",\"affiliate_id\":\"{plan.AffiliateId}\"";
        return $"{{\"offer_id\":\"{offers[plan.Offer].OfferId}\",\"lander_id\":\"{landers[plan.Lander]}\"{affiliate}," +
            $"\"{DemoMarker.Key}\":\"{DemoMarker.Value}\"}}";
    }

    private long Refunded(DemoPlan plan) => plan.PaymentStatus switch
    {
        PaymentStatus.Refunded => Amount(plan),
        PaymentStatus.PartiallyRefunded => PartOf(plan),
        _ => 0,
    };

    /// <summary>A share of the amount in round figures: whole dollars or euros, hundreds of yen.</summary>
    private long PartOf(DemoPlan plan)
    {
        const long round = 100;
        return Math.Max(round, (long)(Amount(plan) * plan.RefundShare) / round * round);
    }

    private static bool WasPaid(DemoPlan plan) =>
        plan.PaymentStatus is PaymentStatus.Paid or PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded or PaymentStatus.Disputed;

    private static bool AfterSale(DemoPlan plan) =>
        plan.PaymentStatus is PaymentStatus.Refunded or PaymentStatus.PartiallyRefunded or PaymentStatus.Disputed;

    private static string PaymentIntent(DemoPlan plan) => "pi_3" + plan.IdSuffix;

    /// <summary>A PayPal order id: the purchase's payment reference and its checkout session id (common mapping).</summary>
    private static string PayPalOrder(DemoPlan plan) => plan.IdSuffix[..17].ToUpperInvariant();

    /// <summary>A PayPal capture id: the purchase's charge reference, also on its refunds and disputes.</summary>
    private static string Capture(DemoPlan plan) => plan.IdSuffix[7..].ToUpperInvariant();

    private static string Key(Guid orderId)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var hash = SHA256.HashData(orderId.ToByteArray());
        Span<char> chars = stackalloc char[20];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[hash[i] % alphabet.Length];
        return $"SERP-{chars[..5]}-{chars[5..10]}-{chars[10..15]}-{chars[15..]}";
    }

    private static void WriteTime(NpgsqlBinaryImporter importer, DateTimeOffset? value)
    {
        if (value is { } at) importer.Write(at, NpgsqlDbType.TimestampTz);
        else importer.WriteNull();
    }
}
