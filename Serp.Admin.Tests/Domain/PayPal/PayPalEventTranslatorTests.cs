using System.Text.Json;
using Serp.Admin.Integrations.PayPal.Events;
using Serp.Admin.Tests.TestData.PayPal;
using Serp.Domain.Disputes;
using Serp.Domain.Purchases;
using Serp.Domain.Refunds;

namespace Serp.Admin.Tests.Domain.PayPal;

public sealed class PayPalEventTranslatorTests
{
    internal static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    internal static readonly PayPalEvents Events = new(new PayPalPurchaseIds("T1"), T0);
    private static readonly PayPalPurchaseIds Ids = Events.Ids;

    [Fact]
    public void An_approved_order_is_a_checkout_with_the_payer_and_the_attribution_of_its_custom_id()
    {
        var checkout = Assert.IsType<CheckoutFact>(Assert.Single(Translate(Events.Approved())));

        Assert.Equal(("paypal", Ids.Order, Ids.Order), (checkout.Source, checkout.SessionId, checkout.PaymentRef));
        Assert.Equal(CheckoutOutcome.Approved, checkout.Outcome);
        Assert.False(checkout.Paid);
        Assert.Equal((9700L, "usd"), (checkout.AmountTotal!.Value, checkout.Currency));
        Assert.Equal(("ada@example.com", "Ada Lovelace"), (checkout.CustomerEmail, checkout.CustomerName));
        Assert.Equal(("offer-serp-downloader", "lander-video", "aff_007"), (checkout.OfferId, checkout.LanderId, checkout.AffiliateId));
        Assert.Equal(Events.CustomId, JsonDocument.Parse(checkout.MetadataJson!).RootElement.GetProperty("custom_id").GetString());
        Assert.Equal((T0, T0.AddSeconds(3)), (checkout.CreatedAt, checkout.ObservedAt));
    }

    [Fact]
    public void A_completed_order_is_a_paid_checkout_and_the_payment_of_its_capture()
    {
        var facts = Translate(Events.OrderCompleted());

        Assert.Equal(2, facts.Count);
        Assert.True(Assert.IsType<CheckoutFact>(facts[0]).Paid);
        var payment = Assert.IsType<PaymentFact>(facts[1]);
        Assert.Equal((Ids.Order, Ids.Capture), (payment.PaymentRef, payment.ChargeId));
    }

    [Fact]
    public void A_completed_capture_is_a_payment_of_the_order_it_names()
    {
        var payment = Assert.IsType<PaymentFact>(Assert.Single(Translate(Events.CaptureCompleted())));

        Assert.Equal(("paypal", Ids.Order, Ids.Capture), (payment.Source, payment.PaymentRef, payment.ChargeId));
        Assert.Equal((9700L, "usd", "paypal"), (payment.Amount, payment.Currency, payment.PaymentMethod));
        Assert.Equal(T0.AddSeconds(1), payment.CreatedAt);
    }

    [Fact]
    public void A_pending_capture_is_a_payment_that_is_not_in_yet()
    {
        var payment = Assert.IsType<PaymentFact>(Assert.Single(Translate(Events.CapturePending())));

        Assert.Equal((Ids.Order, Ids.Capture, true), (payment.PaymentRef, payment.ChargeId, payment.Pending));
        Assert.False(Assert.IsType<PaymentFact>(Assert.Single(Translate(Events.CaptureCompleted()))).Pending);
    }

    [Fact]
    public void A_denied_capture_is_a_final_failure_with_PayPals_reason()
    {
        var failure = Assert.IsType<PaymentFailureFact>(Assert.Single(Translate(Events.CaptureDenied())));

        Assert.Equal((Ids.Order, Ids.Capture, true), (failure.PaymentRef, failure.AttemptRef, failure.Final));
        Assert.Equal("declined_by_risk_fraud_filters", failure.FailureCode);
    }

    [Fact]
    public void A_refund_reaches_its_capture_through_its_up_link()
    {
        var refund = Assert.IsType<RefundFact>(Assert.Single(Translate(Events.CaptureRefunded("20.00"))));

        Assert.Equal((Ids.Refund, Ids.Capture, (string?)null), (refund.ProviderRefundId, refund.ChargeId, refund.PaymentRef));
        Assert.Equal((2000L, "usd", RefundStatus.Succeeded), (refund.Amount, refund.Currency, refund.Status));
    }

    [Theory]
    [InlineData("COMPLETED", RefundStatus.Succeeded)]
    [InlineData("PENDING", RefundStatus.Pending)]
    [InlineData("FAILED", RefundStatus.Failed)]
    [InlineData("CANCELLED", RefundStatus.Canceled)]
    public void Refund_statuses_map_onto_ours(string paypal, string ours) =>
        Assert.Equal(ours, Assert.IsType<RefundFact>(Assert.Single(Translate(Events.CaptureRefunded(status: paypal)))).Status);

    [Fact]
    public void A_reversed_capture_is_a_lost_dispute_of_that_capture()
    {
        var dispute = Assert.IsType<DisputeFact>(Assert.Single(Translate(Events.CaptureReversed())));

        Assert.Equal((Ids.Capture, DisputeStatus.Lost, DisputeFunds.Withdrawn), (dispute.ChargeId, dispute.Status, dispute.Funds));
        Assert.Equal(9700, dispute.Amount);
    }

    [Fact]
    public void A_dispute_links_to_the_capture_and_carries_reason_deadline_and_amount()
    {
        var dispute = Assert.IsType<DisputeFact>(Assert.Single(Translate(Events.DisputeEvent())));

        Assert.Equal((Ids.Dispute, Ids.Capture), (dispute.ProviderDisputeId, dispute.ChargeId));
        Assert.Equal(("merchandise_or_service_not_received", DisputeStatus.NeedsResponse), (dispute.Reason, dispute.Status));
        Assert.Equal(T0.AddDays(20), dispute.EvidenceDueBy);
        Assert.Equal((9700L, "usd"), (dispute.Amount, dispute.Currency));
    }

    [Theory]
    [InlineData("OPEN", null, DisputeStatus.NeedsResponse)]
    [InlineData("WAITING_FOR_BUYER_RESPONSE", null, DisputeStatus.NeedsResponse)]
    [InlineData("WAITING_FOR_SELLER_RESPONSE", null, DisputeStatus.NeedsResponse)]
    [InlineData("UNDER_REVIEW", null, DisputeStatus.UnderReview)]
    [InlineData("RESOLVED", "RESOLVED_BUYER_FAVOUR", DisputeStatus.Lost)]
    [InlineData("RESOLVED", "RESOLVED_SELLER_FAVOUR", DisputeStatus.Won)]
    [InlineData("RESOLVED", "CANCELED_BY_BUYER", DisputeStatus.Won)]
    public void Dispute_statuses_and_outcomes_map_onto_ours(string status, string? outcome, string expected) =>
        Assert.Equal(expected, Assert.IsType<DisputeFact>(Assert.Single(Translate(
            Events.DisputeEvent("CUSTOMER.DISPUTE.UPDATED", status, outcome)))).Status);

    [Fact]
    public void An_approval_reversed_before_capture_fails_the_checkout()
    {
        var checkout = Assert.IsType<CheckoutFact>(Assert.Single(Translate(Events.ApprovalReversed())));

        Assert.Equal((Ids.Order, CheckoutOutcome.AsyncPaymentFailed), (checkout.SessionId, checkout.Outcome));
    }

    [Theory]
    [InlineData("49.00", "USD", 4900, "usd")]
    [InlineData("49.99", "EUR", 4999, "eur")]
    [InlineData("7400", "JPY", 7400, "jpy")]
    public void Amounts_are_exact_minor_units_and_currencies_lower_case(string value, string currency, long amount, string stored)
    {
        var payment = Assert.IsType<PaymentFact>(Assert.Single(Translate(Events.CaptureCompleted(value, currency))));

        Assert.Equal((amount, stored), (payment.Amount, payment.Currency));
    }

    [Theory]
    [InlineData("49.001", "USD", "has 3 decimals, but USD has 2")]
    [InlineData("7400.5", "JPY", "has decimals, but JPY has none")]
    public void An_amount_with_more_decimals_than_its_currency_fails_in_words(string value, string currency, string reason)
    {
        var error = Assert.Throws<PayPalPayloadException>(() => Translate(Events.CaptureCompleted(value, currency)));

        Assert.Contains("capture amount", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Types_Serp_Admin_does_not_use_translate_to_nothing() =>
        Assert.Null(PayPalEventTranslator.Translate(JsonDocument.Parse(Events.Unknown()).RootElement));

    [Fact]
    public void Every_handled_type_translates_to_facts()
    {
        string[] events =
        [
            Events.Approved(), Events.OrderCompleted(), Events.ApprovalReversed(), Events.CaptureCompleted(), Events.CapturePending(),
            Events.CaptureDenied(), Events.CaptureRefunded(), Events.CaptureReversed(), Events.DisputeEvent(),
            Events.DisputeEvent("CUSTOMER.DISPUTE.UPDATED"), Events.DisputeEvent("CUSTOMER.DISPUTE.RESOLVED", "RESOLVED", "RESOLVED_SELLER_FAVOUR"),
            Events.CaptureDenied().Replace("PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED", StringComparison.Ordinal),
        ];
        var types = events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("event_type").GetString()!).ToHashSet();

        Assert.Equal(PayPalEventTranslator.HandledTypes.ToHashSet(), types);
        Assert.All(events, e => Assert.NotEmpty(Translate(e)));
    }

    internal static IReadOnlyList<PurchaseFact> Translate(string json) =>
        PayPalEventTranslator.Translate(JsonDocument.Parse(json).RootElement) ?? throw new InvalidOperationException("not handled");
}
