using Microsoft.Extensions.DependencyInjection.Extensions;
using Serp.Admin.Features.Refunds.Gateways;
using Serp.Admin.Integrations.PayPal.Api;
using Serp.Admin.Integrations.PayPal.FollowUps;
using Serp.Admin.Reconciliation;
using Serp.Admin.Webhooks;
using Serp.Admin.Webhooks.Inbox;

namespace Serp.Admin.Integrations.PayPal;

internal static class PayPalExtensions
{
    /// <summary>
    /// PayPal from the <c>PayPal</c> section: the REST client (<see cref="IPayPalApi"/>) with its token cache, the
    /// webhook verifier and handler, the desk's refund gateway, the reconciliation listing and the follow-ups (payer
    /// look-up, AutoCapture). Without the credentials nothing fails at start-up: <see cref="PayPalOptions.IsConfigured"/>
    /// is false, the webhook door answers 503, the follow-ups and reconciliation stay idle and /monitoring says so.
    /// </summary>
    public static IHostApplicationBuilder AddPayPal(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PayPalOptions>().BindConfiguration(PayPalOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => Uri.TryCreate(o.ApiBase, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp),
                "PayPal:ApiBase must be an absolute http(s) URL, e.g. https://api-m.paypal.com.")
            .ValidateOnStart();

        // The per-request timeout is PayPal:Timeout (PayPalHttp), so it can tell a slow PayPal from a cancelled caller.
        builder.Services.AddHttpClient(PayPalHttp.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PayPalTokenCache>();
        builder.Services.AddSingleton<PayPalHttp>();
        builder.Services.AddSingleton<IPayPalApi, PayPalClient>();

        builder.Services.AddSingleton<IWebhookVerifier, PayPalWebhookVerifier>();
        builder.Services.AddSingleton<IWebhookHandler, PayPalWebhookHandler>();
        builder.Services.AddSingleton<IRefundGateway, PayPalRefundGateway>();
        builder.Services.AddSingleton<IReconciliationSource, PayPalReconciliationSource>();
        builder.Services.AddOptions<PayPalFollowUpOptions>().BindConfiguration(PayPalFollowUpOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PayPalFollowUps>();
        builder.Services.AddHostedService<PayPalFollowUpWorker>();
        return builder;
    }
}
