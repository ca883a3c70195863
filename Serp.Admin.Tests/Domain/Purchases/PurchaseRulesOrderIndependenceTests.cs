using Serp.Domain.Disputes;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;
using Serp.Domain.Refunds;
using static Serp.Admin.Tests.Domain.Purchases.PurchaseFacts;

namespace Serp.Admin.Tests.Domain.Purchases;

/// <summary>Any permutation of a purchase's events, with any of them duplicated, gives the rows of the natural order.</summary>
public sealed class PurchaseRulesOrderIndependenceTests
{
    private static readonly PurchaseFact[] FiveEventPurchase =
        [SessionCompleted(), IntentSucceeded(), ChargeSucceeded(), Refund(), Dispute()];

    [Fact]
    public void Every_permutation_of_a_five_event_purchase_gives_the_same_rows()
    {
        var expected = PurchaseSnapshot.Of(PurchaseSnapshot.Run(FiveEventPurchase));
        var permutations = PurchaseSnapshot.Permutations(FiveEventPurchase).ToList();

        Assert.Equal(120, permutations.Count);
        Assert.All(permutations, order => Assert.Equal(expected, PurchaseSnapshot.Of(PurchaseSnapshot.Run(order))));
    }

    [Fact]
    public void Every_permutation_with_every_event_duplicated_gives_the_same_rows()
    {
        var expected = PurchaseSnapshot.Of(PurchaseSnapshot.Run(FiveEventPurchase));

        foreach (var order in PurchaseSnapshot.Permutations(FiveEventPurchase))
        {
            foreach (var redelivered in PurchaseSnapshot.Redeliveries(order))
            {
                Assert.Equal(expected, PurchaseSnapshot.Of(PurchaseSnapshot.Run(redelivered)));
            }
        }
    }

    [Fact]
    public void The_natural_order_gives_the_expected_purchase()
    {
        var purchase = PurchaseSnapshot.Run(FiveEventPurchase);
        var order = purchase.Order!;

        Assert.Equal(PaymentStatus.Disputed, order.PaymentStatus);
        Assert.Equal(9700, order.AmountTotal);
        Assert.Equal(2000, order.AmountRefunded);
        Assert.Equal("ada@example.com", order.CustomerEmail);
        Assert.Equal("Ada Lovelace", order.CustomerName);
        Assert.Equal("card", order.PaymentMethod);
        Assert.Equal(Charge, order.StripeChargeId);
        Assert.Equal(("offer-downloader", "lander-video", "aff_007"), (order.OfferId, order.LanderId, order.AffiliateId));
        Assert.Equal(T0, order.CreatedAt);
        Assert.Equal(purchase.Session!.Id, order.CheckoutSessionId);
        Assert.All(purchase.Refunds.Concat<object>(purchase.Disputes), row => Assert.Equal(order.Id, row is Refund r ? r.OrderId : ((Dispute)row).OrderId));
    }

    [Fact]
    public void Refund_and_dispute_that_arrive_before_the_order_are_kept_and_linked_when_it_appears()
    {
        var purchase = PurchaseSnapshot.Run([Refund(), Dispute()]);
        Assert.Null(purchase.Order);
        Assert.All(purchase.Refunds, r => Assert.Null(r.OrderId));

        PurchaseRules.Apply(purchase, SessionCompleted());

        Assert.Equal(purchase.Order!.Id, purchase.Refunds.Single().OrderId);
        Assert.Equal(purchase.Order.Id, purchase.Disputes.Single().OrderId);
        Assert.Equal(PaymentStatus.Disputed, purchase.Order.PaymentStatus);
    }

    [Theory]
    [MemberData(nameof(StatusCases))]
    public void Status_follows_the_facts_in_any_order(string name, PurchaseFact[] facts, string expected)
    {
        Assert.NotEmpty(name);
        var snapshots = PurchaseSnapshot.Permutations(facts).Select(p => PurchaseSnapshot.Run(p)).ToList();

        Assert.All(snapshots, p => Assert.Equal(expected, p.Order!.PaymentStatus));
        Assert.Single(snapshots.Select(PurchaseSnapshot.Of).Distinct());
    }

    public static TheoryData<string, PurchaseFact[], string> StatusCases() => new()
    {
        { "paid", [SessionCompleted(), ChargeSucceeded()], PaymentStatus.Paid },
        { "unpaid checkout waits", [SessionCompleted(paid: false)], PaymentStatus.Pending },
        { "async success", [SessionCompleted(paid: false), AsyncPayment(succeeded: true)], PaymentStatus.Paid },
        { "async failure", [SessionCompleted(paid: false), AsyncPayment(succeeded: false)], PaymentStatus.Failed },
        { "partial refund", [SessionCompleted(), Refund(amount: 2000)], PaymentStatus.PartiallyRefunded },
        { "two refunds make it whole", [SessionCompleted(), Refund(amount: 7700), Refund(amount: 2000, id: "re_2")], PaymentStatus.Refunded },
        { "pending then succeeded refund", [SessionCompleted(), Refund(RefundStatus.Pending, 9700, day: 2), Refund(RefundStatus.Succeeded, 9700, day: 3)], PaymentStatus.Refunded },
        { "failed refund gives nothing back", [SessionCompleted(), Refund(RefundStatus.Pending, 9700, day: 2), Refund(RefundStatus.Failed, 9700, day: 3)], PaymentStatus.Paid },
        { "same-second pending and succeeded", [SessionCompleted(), Refund(RefundStatus.Pending, 9700, day: 2), Refund(RefundStatus.Succeeded, 9700, day: 2)], PaymentStatus.Refunded },
        { "charge.refunded without refund rows", [SessionCompleted(), ChargeRefunded(9700)], PaymentStatus.Refunded },
        { "a counted refund that failed later is given back", [SessionCompleted(), ChargeRefunded(2000), Refund(RefundStatus.Pending, 2000, day: 2), Refund(RefundStatus.Failed, 2000, day: 3)], PaymentStatus.Paid },
        { "a failed refund beside a good one keeps the good one", [SessionCompleted(), ChargeRefunded(3000), Refund(RefundStatus.Succeeded, 1000, day: 2, id: "re_ok"), Refund(RefundStatus.Failed, 2000, day: 3)], PaymentStatus.PartiallyRefunded },
        { "a newer charge snapshot lowers the total", [SessionCompleted(), ChargeRefunded(2000), ChargeRefunded(0) with { ObservedAt = T0.AddDays(3) }], PaymentStatus.Paid },
        { "dispute won", [SessionCompleted(), Dispute(), Dispute(DisputeStatus.Won, day: 30, funds: DisputeFunds.Reinstated)], PaymentStatus.Paid },
        { "dispute lost", [SessionCompleted(), Dispute(), Dispute(DisputeStatus.Lost, day: 30)], PaymentStatus.Disputed },
        { "dispute open with funds withdrawn", [SessionCompleted(), Dispute(), Dispute(day: 6, funds: DisputeFunds.Withdrawn)], PaymentStatus.Disputed },
    };

    [Fact]
    public void A_refund_that_fails_after_it_was_counted_takes_the_refunded_total_back_down_in_any_order()
    {
        // Stripe's published fixtures: a 100-of-1099 refund reported by charge.refunded, then refund.failed.
        PurchaseFact[] facts =
        [
            SessionCompleted() with { AmountTotal = 1099 }, ChargeRefunded(100),
            Refund(RefundStatus.Succeeded, 100, day: 2), Refund(RefundStatus.Failed, 100, day: 4),
        ];

        foreach (var order in PurchaseSnapshot.Permutations(facts))
        {
            var purchase = PurchaseSnapshot.Run(order).Order!;
            Assert.Equal((0L, PaymentStatus.Paid), (purchase.AmountRefunded, purchase.PaymentStatus));
        }
    }

    [Fact]
    public void An_expired_session_is_abandoned_and_makes_no_order()
    {
        var purchase = PurchaseSnapshot.Run([SessionCompleted() with { Outcome = CheckoutOutcome.Expired, PaymentRef = null }]);

        Assert.Null(purchase.Order);
        Assert.Equal("abandoned", purchase.Session!.Status);
    }

    [Fact]
    public void A_failed_attempt_is_recorded_once_and_does_not_fail_the_order()
    {
        var failure = new PaymentFailureFact
        {
            Source = "stripe", ObservedAt = T0.AddSeconds(2), PaymentRef = Pi, AttemptRef = "ch_declined", Amount = 9700,
            Currency = "usd", FailureCode = "card_declined", FailureMessage = "Your card was declined.", OccurredAt = T0.AddSeconds(2),
        };

        var purchase = PurchaseSnapshot.Run([failure, SessionCompleted(), failure]);

        Assert.Single(purchase.Failures);
        Assert.Equal(PaymentStatus.Paid, purchase.Order!.PaymentStatus);
    }
}
