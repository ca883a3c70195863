using Serp.Domain.Orders;

namespace Serp.Admin.Features.Orders.Detail;

/// <summary>Where an agent sees the payment in the provider's own dashboard.</summary>
public static class ProviderDashboardLinks
{
    public sealed record Link(string Label, string Url);

    public static Link? For(OrderHeader order, bool testMode)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Source == PaymentSource.PayPal)
        {
            // Activity details are keyed by the capture (PayPal's transaction id); the order id is the fallback.
            var transaction = order.PaypalCaptureId ?? order.PaypalOrderId;
            if (transaction is null) return null;
            var host = testMode ? "www.sandbox.paypal.com" : "www.paypal.com";
            return new Link("Open in PayPal", $"https://{host}/activity/payment/{Uri.EscapeDataString(transaction)}");
        }
        if (order.StripePaymentIntentId is null) return null;
        var mode = testMode ? "test/" : "";
        return new Link("Open in Stripe", $"https://dashboard.stripe.com/{mode}payments/{Uri.EscapeDataString(order.StripePaymentIntentId)}");
    }
}
