using Serp.Domain.Disputes;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;
using Serp.Domain.Refunds;

namespace Serp.Admin.Tests.Domain.Purchases;

/// <summary>
/// The facts of one PayPal purchase as its events carry them: the order id is the session and the payment, the
/// capture id the charge; refunds and disputes name only the capture (PayPal's refund reaches it through its
/// <c>up</c> link, a dispute through <c>disputed_transactions[].seller_transaction_id</c>).
/// </summary>
internal static class PayPalPurchaseFacts
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    public const string OrderId = "5O190127TN364715T";
    public const string Capture = "3C679366HH908993F";
    private const string Source = PaymentSource.PayPal;

    public static CheckoutFact Approved() => new()
    {
        Source = Source, ObservedAt = T0.AddSeconds(30), SessionId = OrderId, PaymentRef = OrderId,
        Outcome = CheckoutOutcome.Approved, AmountTotal = 4900, Currency = "usd",
        CustomerEmail = "grace@example.com", CustomerName = "Grace Hopper",
        MetadataJson = """{"custom_id":"offer_id=offer-downloader&lander_id=lander-video&affiliate_id=aff_042"}""",
        OfferId = "offer-downloader", LanderId = "lander-video", AffiliateId = "aff_042", CreatedAt = T0,
    };

    public static CheckoutFact Completed() => Approved() with
    {
        ObservedAt = T0.AddSeconds(40), Outcome = CheckoutOutcome.Completed, Paid = true,
    };

    public static PaymentFact CaptureCompleted() => new()
    {
        Source = Source, ObservedAt = T0.AddSeconds(38), PaymentRef = OrderId, ChargeId = Capture, Amount = 4900,
        Currency = "usd", PaymentMethod = "paypal", CreatedAt = T0.AddSeconds(35),
    };

    public static PaymentFact CapturePending() => CaptureCompleted() with { ObservedAt = T0.AddSeconds(36), Pending = true };

    public static PaymentFailureFact CaptureDenied() => new()
    {
        Source = Source, ObservedAt = T0.AddMinutes(5), PaymentRef = OrderId, AttemptRef = Capture, Amount = 4900,
        Currency = "usd", CustomerEmail = "grace@example.com", FailureCode = "DENIED", FailureMessage = "The capture was denied.",
        Final = true, OccurredAt = T0.AddMinutes(5),
    };

    public static RefundFact Refund(string id = "1JU08902781691411", long amount = 1000) => new()
    {
        Source = Source, ObservedAt = T0.AddDays(1), ProviderRefundId = id, ChargeId = Capture, Amount = amount,
        Currency = "usd", Status = RefundStatus.Succeeded, CreatedAt = T0.AddDays(1),
    };

    public static DisputeFact Dispute(string status = DisputeStatus.NeedsResponse, int day = 3) => new()
    {
        Source = Source, ObservedAt = T0.AddDays(day), ProviderDisputeId = "PP-D-27803", ChargeId = Capture, Amount = 4900,
        Currency = "usd", Reason = "MERCHANDISE_OR_SERVICE_NOT_RECEIVED", Status = status, EvidenceDueBy = T0.AddDays(13),
        CreatedAt = T0.AddDays(3),
    };
}
