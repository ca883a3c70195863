using Serp.Domain.Checkout;
using Serp.Domain.Disputes;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;
using static Serp.Admin.Tests.Domain.Purchases.PayPalPurchaseFacts;

namespace Serp.Admin.Tests.Domain.Purchases;

/// <summary>PayPal facts converge like Stripe's, in any order with duplicates, and land in the PayPal columns only.</summary>
public sealed class PayPalPurchaseRulesTests
{
    private static readonly PurchaseFact[] FiveEventPurchase = [Approved(), Completed(), CaptureCompleted(), Refund(), Dispute()];

    [Fact]
    public void Every_permutation_of_a_PayPal_purchase_with_every_event_duplicated_gives_the_same_rows()
    {
        var expected = PurchaseSnapshot.Of(PurchaseSnapshot.Run(FiveEventPurchase));
        var permutations = PurchaseSnapshot.Permutations(FiveEventPurchase).ToList();
        Assert.Equal(120, permutations.Count);

        foreach (var order in permutations)
        {
            Assert.Equal(expected, PurchaseSnapshot.Of(PurchaseSnapshot.Run(order)));
            Assert.All(PurchaseSnapshot.Redeliveries(order), redelivered => Assert.Equal(expected, PurchaseSnapshot.Of(PurchaseSnapshot.Run(redelivered))));
        }
    }

    [Fact]
    public void A_PayPal_purchase_lands_in_the_paypal_columns_and_never_in_the_stripe_ones()
    {
        var purchase = PurchaseSnapshot.Run(FiveEventPurchase);
        var order = purchase.Order!;
        var session = purchase.Session!;

        Assert.Equal((OrderId, Capture), (order.PaypalOrderId, order.PaypalCaptureId));
        Assert.Equal((null, null, null), (order.StripePaymentIntentId, order.StripeSessionId, order.StripeChargeId));
        Assert.Equal((PaymentSource.PayPal, "paypal", PaymentStatus.Disputed), (order.Source, order.PaymentMethod, order.PaymentStatus));
        Assert.Equal(("grace@example.com", "Grace Hopper", "aff_042"), (order.CustomerEmail, order.CustomerName, order.AffiliateId));
        Assert.Equal((1000L, 4900L), (order.AmountRefunded, order.AmountTotal));
        Assert.Equal(StableId.ForProvider(PaymentSource.PayPal, "order", OrderId), order.Id);

        Assert.Equal((null, null, PaymentSource.PayPal), (session.StripeSessionId, session.StripePaymentIntentId, session.Source));
        Assert.Equal(OrderId, session.Metadata!.RootElement.GetProperty(PurchaseColumns.PayPalOrderIdKey).GetString());
        Assert.Equal("offer_id=offer-downloader&lander_id=lander-video&affiliate_id=aff_042",
            session.Metadata.RootElement.GetProperty("custom_id").GetString());
        Assert.Equal((session.Id, CheckoutStatus.Completed), (order.CheckoutSessionId, session.Status));

        var refund = Assert.Single(purchase.Refunds);
        var dispute = Assert.Single(purchase.Disputes);
        Assert.Equal((order.Id, Capture, PaymentSource.PayPal), (refund.OrderId, refund.ChargeId, refund.Source));
        Assert.Equal((order.Id, Capture, PaymentSource.PayPal), (dispute.OrderId, dispute.ChargeId, dispute.Source));
    }

    [Fact]
    public void An_approved_order_is_pending_with_its_buyer_and_attribution_and_its_session_stays_pending()
    {
        var purchase = PurchaseSnapshot.Run([Approved()]);

        Assert.Equal((PaymentStatus.Pending, "grace@example.com", "offer-downloader"),
            (purchase.Order!.PaymentStatus, purchase.Order.CustomerEmail, purchase.Order.OfferId));
        Assert.Equal(CheckoutStatus.Pending, purchase.Session!.Status);
    }

    [Theory]
    [MemberData(nameof(StatusCases))]
    public void Status_follows_the_PayPal_facts_in_any_order_with_duplicates(string name, PurchaseFact[] facts, string expected)
    {
        Assert.NotEmpty(name);
        var runs = PurchaseSnapshot.Permutations(facts)
            .SelectMany(p => new[] { p, [.. p, .. p] })
            .Select(PurchaseSnapshot.Run)
            .ToList();

        Assert.All(runs, p => Assert.Equal(expected, p.Order!.PaymentStatus));
        Assert.Single(runs.Select(PurchaseSnapshot.Of).Distinct());
    }

    public static TheoryData<string, PurchaseFact[], string> StatusCases() => new()
    {
        { "captured", [Approved(), CaptureCompleted()], PaymentStatus.Paid },
        { "capture pending", [Approved(), CapturePending()], PaymentStatus.Pending },
        { "capture pending then completed", [Approved(), CapturePending(), CaptureCompleted()], PaymentStatus.Paid },
        { "capture denied", [Approved(), CaptureDenied()], PaymentStatus.Failed },
        { "capture denied without the approval", [CaptureDenied()], PaymentStatus.Failed },
        { "refund naming only the capture", [CaptureCompleted(), Refund(amount: 4900)], PaymentStatus.Refunded },
        { "two partial refunds", [Approved(), CaptureCompleted(), Refund(amount: 1000), Refund("2KV19013XW7836315", 900)], PaymentStatus.PartiallyRefunded },
        { "dispute lost", [Approved(), CaptureCompleted(), Dispute(), Dispute(DisputeStatus.Lost, day: 20)], PaymentStatus.Disputed },
        { "dispute won", [Approved(), CaptureCompleted(), Dispute(), Dispute(DisputeStatus.Won, day: 20)], PaymentStatus.Paid },
    };

    [Fact]
    public void A_pending_capture_records_the_capture_without_paying_the_order()
    {
        var order = PurchaseSnapshot.Run([Approved(), CapturePending()]).Order!;

        Assert.Equal((Capture, (DateTimeOffset?)null), (order.PaypalCaptureId, order.PaidAt));
    }

    [Fact]
    public void A_denied_capture_is_recorded_once_and_fails_the_order_in_the_paypal_columns()
    {
        var purchase = PurchaseSnapshot.Run([CaptureDenied(), Approved(), CaptureDenied()]);

        var failure = Assert.Single(purchase.Failures);
        Assert.Equal((PaymentSource.PayPal, OrderId, Capture), (failure.Source, failure.PaymentRef, failure.AttemptRef));
        Assert.Equal((OrderId, null, PaymentStatus.Failed), (purchase.Order!.PaypalOrderId, purchase.Order.StripePaymentIntentId, purchase.Order.PaymentStatus));
    }

    [Fact]
    public void The_same_id_from_Stripe_and_from_PayPal_gives_different_rows()
    {
        Assert.NotEqual(StableId.ForProvider(PaymentSource.Stripe, "order", OrderId), StableId.ForProvider(PaymentSource.PayPal, "order", OrderId));
        Assert.NotEqual(StableId.PurchaseLockKey(PaymentSource.Stripe, Capture), StableId.PurchaseLockKey(PaymentSource.PayPal, Capture));
    }

    [Fact]
    public void A_PayPal_checkout_whose_payment_is_not_its_order_id_is_refused()
    {
        var wrong = Approved() with { PaymentRef = "PAYID-OTHER" };

        Assert.Throws<ArgumentException>(() => PurchaseSnapshot.Run([wrong]));
    }

    [Fact]
    public void A_fact_from_an_unknown_source_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PurchaseSnapshot.Run([CaptureCompleted() with { Source = "square" }]));
    }
}
