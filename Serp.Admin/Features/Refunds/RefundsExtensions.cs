using Serp.Admin.Features.Refunds.Gateways;
using Serp.Admin.Integrations.Stripe;

namespace Serp.Admin.Features.Refunds;

internal static class RefundsExtensions
{
    /// <summary>The refund service and the desk's queries. Call after <c>AddStripe</c> and <c>AddPayPal</c> (the provider clients).</summary>
    public static IHostApplicationBuilder AddRefunds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RefundOptions>().BindConfiguration(RefundOptions.Section);
        builder.Services.AddSingleton<StripeRefunds>();
        builder.Services.AddSingleton<IRefundGateway, StripeRefundGateway>();
        builder.Services.AddSingleton<OrderRefunds>();
        builder.Services.AddSingleton<RefundDeskQueries>();
        return builder;
    }
}
