namespace Serp.Domain.Orders;

/// <summary>The values stored in the <c>source</c> columns of orders and checkout sessions.</summary>
public static class PaymentSource
{
    public const string Stripe = "stripe";
    public const string PayPal = "paypal";
}
