using Microsoft.AspNetCore.RateLimiting;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Purchases;

namespace Serp.Admin.Webhooks;

internal static class WebhooksExtensions
{
    /// <summary>
    /// What the webhook doors need (the inbox, metrics, the rate-limit policy), the background processor and the
    /// purchase ledger, for every provider. A provider registers its <see cref="IWebhookVerifier"/> and
    /// <see cref="IWebhookHandler"/> (e.g. <c>AddStripe</c>); map its door with <c>app.MapWebhookDoor</c>.
    /// </summary>
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookProcessingOptions>().BindConfiguration(WebhookProcessingOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var limits = builder.Configuration.GetSection(WebhookRateLimitOptions.Section).Get<WebhookRateLimitOptions>()
                     ?? new WebhookRateLimitOptions();
        builder.Services.Configure<RateLimiterOptions>(options => options.AddWebhookPolicy(limits));

        builder.Services.AddSingleton<PurchaseLedger>();
        builder.Services.AddSingleton<WebhookVerifiers>();
        builder.Services.AddSingleton<WebhookInbox>();
        builder.Services.AddSingleton<WebhookSignal>();
        builder.Services.AddSingleton<WebhookMetrics>();
        builder.Services.AddSingleton<WebhookProcessor>();
        builder.Services.AddSingleton<WebhookReplay>();
        builder.Services.AddHostedService<WebhookProcessorService>();
        return builder;
    }
}
