using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Stripe;

namespace Serp.Admin.Integrations.Stripe;

internal static class StripeExtensions
{
    /// <summary>
    /// The Stripe API client (Stripe.net over a named HttpClient that backs off on 429) and the reconciliation job
    /// with its schedule. Call after <c>AddWebhooks</c>: it uses the Stripe options, inbox, signal and ledger registered there.
    /// </summary>
    public static IHostApplicationBuilder AddStripeReconciliation(this IHostApplicationBuilder builder)
    {
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
        builder.Services.AddSingleton<StripeReconciliation>();
        builder.Services.AddHostedService<StripeReconciliationWorker>();
        return builder;
    }
}
