using Serp.Domain.Disputes;
using Serp.Domain.Purchases;
using Serp.Domain.Refunds;

namespace Serp.Admin.Tests.Domain.Purchases;

/// <summary>The facts of one realistic Stripe purchase, a few seconds apart, as the translators produce them.</summary>
internal static class PurchaseFacts
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    public const string Pi = "pi_3Q0abc";
    public const string Session = "cs_test_a1";
    public const string Charge = "ch_3Q0abc";

    public static CheckoutFact SessionCompleted(bool paid = true) => new()
    {
        Source = "stripe", ObservedAt = T0.AddSeconds(5), SessionId = Session, PaymentRef = Pi,
        Outcome = CheckoutOutcome.Completed, Paid = paid, AmountTotal = 9700, Currency = "usd",
        CustomerEmail = "ada@example.com", CustomerName = "Ada Lovelace",
        MetadataJson = """{"offer_id":"offer-downloader","lander_id":"lander-video","affiliate_id":"aff_007"}""",
        OfferId = "offer-downloader", LanderId = "lander-video", AffiliateId = "aff_007", CreatedAt = T0,
    };

    public static CheckoutFact AsyncPayment(bool succeeded) => SessionCompleted(paid: false) with
    {
        ObservedAt = T0.AddHours(3),
        Outcome = succeeded ? CheckoutOutcome.AsyncPaymentSucceeded : CheckoutOutcome.AsyncPaymentFailed,
    };

    public static PaymentFact IntentSucceeded() => new()
    {
        Source = "stripe", ObservedAt = T0.AddSeconds(4), PaymentRef = Pi, ChargeId = Charge, Amount = 9700, Currency = "usd",
        CustomerEmail = "receipt@example.com", CreatedAt = T0.AddSeconds(1),
    };

    public static PaymentFact ChargeSucceeded() => new()
    {
        Source = "stripe", ObservedAt = T0.AddSeconds(4), PaymentRef = Pi, ChargeId = Charge, Amount = 9700, Currency = "usd",
        CustomerEmail = "billing@example.com", CustomerName = "A. Lovelace", PaymentMethod = "card", CreatedAt = T0.AddSeconds(3),
    };

    public static PaymentFact ChargeRefunded(long amountRefunded) => ChargeSucceeded() with
    {
        ObservedAt = T0.AddDays(2), AmountRefunded = amountRefunded,
    };

    public static RefundFact Refund(string status = RefundStatus.Succeeded, long amount = 2000, int day = 2, string id = "re_1") => new()
    {
        Source = "stripe", ObservedAt = T0.AddDays(day), ProviderRefundId = id, PaymentRef = Pi, ChargeId = Charge,
        Amount = amount, Currency = "usd", Status = status, Reason = "requested_by_customer", CreatedAt = T0.AddDays(2),
    };

    public static DisputeFact Dispute(string status = DisputeStatus.NeedsResponse, int day = 5, DisputeFunds funds = DisputeFunds.Unchanged) => new()
    {
        Source = "stripe", ObservedAt = T0.AddDays(day), ProviderDisputeId = "dp_1", PaymentRef = Pi, ChargeId = Charge,
        Amount = 9700, Currency = "usd", Reason = "fraudulent", Status = status, EvidenceDueBy = T0.AddDays(20),
        Funds = funds, CreatedAt = T0.AddDays(5),
    };
}
