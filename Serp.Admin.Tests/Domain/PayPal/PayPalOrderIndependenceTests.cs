using Serp.Admin.Tests.Domain.Purchases;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;
using static Serp.Admin.Tests.Domain.PayPal.PayPalEventTranslatorTests;

namespace Serp.Admin.Tests.Domain.PayPal;

/// <summary>PayPal events as the translator reads them, applied by the pure rules: any order, any duplicate, the same rows.</summary>
public sealed class PayPalOrderIndependenceTests
{
    private static readonly string[] FiveEventPurchase =
    [
        Events.Approved(), Events.CaptureCompleted(), Events.CaptureRefunded("20.00"), Events.DisputeEvent(),
        Events.DisputeEvent("CUSTOMER.DISPUTE.RESOLVED", "RESOLVED", "RESOLVED_SELLER_FAVOUR", afterSeconds: 30 * 86400),
    ];

    [Fact]
    public void Every_permutation_of_a_PayPal_purchase_with_every_event_duplicated_gives_the_same_rows()
    {
        var facts = FiveEventPurchase.Select(Translate).ToList();
        var expected = PurchaseSnapshot.Of(PurchaseSnapshot.Run(facts.SelectMany(f => f)));
        var permutations = PurchaseSnapshot.Permutations(facts).ToList();

        Assert.Equal(120, permutations.Count);
        foreach (var order in permutations)
        {
            Assert.Equal(expected, PurchaseSnapshot.Of(PurchaseSnapshot.Run(order.SelectMany(f => f))));
            for (var duplicated = 0; duplicated < order.Count; duplicated++)
            {
                var redelivered = order.Take(duplicated + 1).Append(order[duplicated]).Concat(order.Skip(duplicated + 1)).Append(order[duplicated]);
                Assert.Equal(expected, PurchaseSnapshot.Of(PurchaseSnapshot.Run(redelivered.SelectMany(f => f))));
            }
        }
    }

    [Fact]
    public void The_natural_order_gives_a_partly_refunded_PayPal_order_with_the_payer_and_attribution()
    {
        var purchase = PurchaseSnapshot.Run(FiveEventPurchase.SelectMany(Translate));
        var order = purchase.Order!;

        Assert.Equal((PaymentStatus.PartiallyRefunded, 9700L, 2000L, "usd"), (order.PaymentStatus, order.AmountTotal, order.AmountRefunded, order.Currency));
        Assert.Equal(("ada@example.com", "Ada Lovelace", "paypal", "paypal"), (order.CustomerEmail, order.CustomerName, order.Source, order.PaymentMethod));
        Assert.Equal((Events.Ids.Order, Events.Ids.Capture, (string?)null, (string?)null),
            (order.PaypalOrderId, order.PaypalCaptureId, order.StripePaymentIntentId, order.StripeChargeId));
        Assert.Equal(("offer-serp-downloader", "lander-video", "aff_007"), (order.OfferId, order.LanderId, order.AffiliateId));
        Assert.All(purchase.Refunds, r => Assert.Equal(order.Id, r.OrderId));
        Assert.All(purchase.Disputes, d => Assert.Equal(order.Id, d.OrderId));
    }

    [Theory]
    [MemberData(nameof(StatusCases))]
    public void Status_follows_the_PayPal_events_in_any_order(string name, string[] events, string expected)
    {
        Assert.NotEmpty(name);
        var snapshots = PurchaseSnapshot.Permutations(events.Select(Translate).ToList())
            .Select(p => PurchaseSnapshot.Run(p.SelectMany(f => f))).ToList();

        Assert.All(snapshots, p => Assert.Equal(expected, p.Order!.PaymentStatus));
        Assert.Single(snapshots.Select(PurchaseSnapshot.Of).Distinct());
    }

    public static TheoryData<string, string[], string> StatusCases() => new()
    {
        { "approved, never captured: stuck", [Events.Approved()], PaymentStatus.Pending },
        { "captured", [Events.Approved(), Events.CaptureCompleted()], PaymentStatus.Paid },
        { "capture first, then the approval", [Events.CaptureCompleted(), Events.Approved(), Events.OrderCompleted()], PaymentStatus.Paid },
        { "fully refunded", [Events.Approved(), Events.CaptureCompleted(), Events.CaptureRefunded("97.00")], PaymentStatus.Refunded },
        { "pending refund then completed", [Events.CaptureCompleted(), Events.CaptureRefunded("97.00", status: "PENDING"), Events.CaptureRefunded("97.00", afterSeconds: 3 * 86400)], PaymentStatus.Refunded },
        { "dispute lost", [Events.CaptureCompleted(), Events.DisputeEvent(), Events.DisputeEvent("CUSTOMER.DISPUTE.RESOLVED", "RESOLVED", "RESOLVED_BUYER_FAVOUR", 30 * 86400)], PaymentStatus.Disputed },
        { "capture reversed", [Events.Approved(), Events.CaptureCompleted(), Events.CaptureReversed()], PaymentStatus.Disputed },
        { "approval reversed", [Events.Approved(), Events.ApprovalReversed()], PaymentStatus.Failed },
        { "capture pending", [Events.Approved(), Events.CapturePending()], PaymentStatus.Pending },
        { "capture pending, then completed", [Events.Approved(), Events.CapturePending(), Events.CaptureCompleted()], PaymentStatus.Paid },
        { "capture denied", [Events.Approved(), Events.CaptureDenied()], PaymentStatus.Failed },
    };
}
