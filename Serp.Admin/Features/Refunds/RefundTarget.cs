using System.Linq.Expressions;
using Serp.Domain.Money;
using Serp.Domain.Orders;

namespace Serp.Admin.Features.Refunds;

/// <summary>
/// An order as the refund dialog and the service see it: what was paid, what remains, and whether it may be refunded.
/// <see cref="PaymentRef"/> is what the provider refunds: Stripe's payment intent, PayPal's capture.
/// </summary>
public sealed record RefundTarget(Guid OrderId, string Source, string PaymentStatus, string? PaymentRef, long AmountTotal,
    long AmountRefunded, string Currency, string? CustomerEmail)
{
    /// <summary>The projection both the desk and the service read an order through.</summary>
    public static Expression<Func<Order, RefundTarget>> FromOrder { get; } = o => new RefundTarget(o.Id, o.Source, o.PaymentStatus,
        o.Source == PaymentSource.PayPal ? o.PaypalCaptureId : o.StripePaymentIntentId, o.AmountTotal, o.AmountRefunded, o.Currency, o.CustomerEmail);

    /// <summary>What is left to refund: the order's total less the refunds that count (pending, requires_action, succeeded).</summary>
    public long Remaining => Math.Max(0, AmountTotal - AmountRefunded);

    public Money Total => new(AmountTotal, Currency);

    public Money Left => new(Remaining, Currency);

    /// <summary>Why this order cannot be refunded from the desk, in an agent's words; null when it can.</summary>
    public string? Refusal => (Source, PaymentStatus) switch
    {
        (_, Domain.Orders.PaymentStatus.Pending) => "The order is not paid yet: there is nothing to refund.",
        (_, Domain.Orders.PaymentStatus.Failed) => "The payment failed: there is nothing to refund.",
        (_, Domain.Orders.PaymentStatus.Disputed) =>
            "The order is disputed: a payment under dispute cannot be refunded. Answer the dispute instead.",
        _ when Remaining <= 0 || PaymentStatus == Domain.Orders.PaymentStatus.Refunded => "The order is already fully refunded.",
        _ when PaymentRef is null => Source == PaymentSource.PayPal
            ? "The order has no PayPal capture id: refund it in PayPal."
            : "The order has no Stripe payment id: refund it in the Stripe Dashboard.",
        _ => null,
    };
}
