using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Serp.Admin.Reconciliation;
using Serp.Admin.Webhooks;
using Serp.Admin.Webhooks.Inbox;
using Stripe;

namespace Serp.Admin.Integrations.Stripe;

internal static class StripeExtensions
{
    /// <summary>
    /// Stripe, in one place: its options, its webhook verifier and handler (for the door and the processor), the API
    /// client (Stripe.net over a named HttpClient that backs off on 429) and its reconciliation listings.
    /// Call after <c>AddWebhooks</c>: it uses the inbox, signal and ledger registered there.
    /// </summary>
    public static IHostApplicationBuilder AddStripe(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StripeOptions>().BindConfiguration(StripeOptions.Section);
        builder.Services.AddSingleton<IWebhookVerifier, StripeSignatureVerifier>();
        builder.Services.AddSingleton<IWebhookHandler, StripeWebhookHandler>();
        builder.Services.AddOptions<StripeRateLimitRetryOptions>().BindConfiguration(StripeRateLimitRetryOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<StripeReconciliationOptions>().BindConfiguration(StripeReconciliationOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddHttpClient(StripeClientFactory.HttpClientName, http => http.Timeout = SystemNetHttpClient.DefaultHttpTimeout)
            .AddResilienceHandler("stripe-rate-limit", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<StripeRateLimitRetryOptions>>().Value;
                // Only 429: Stripe.net already retries connection errors, 409 and 5xx; retrying those here too
                // would multiply the attempts.
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
                    MaxRetryAttempts = settings.MaxRetries,
                    Delay = settings.FirstDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                });
            });

        builder.Services.AddSingleton<StripeClientFactory>();
        builder.Services.AddSingleton<IReconciliationSource, StripeReconciliationSource>();
        return builder;
    }
}
