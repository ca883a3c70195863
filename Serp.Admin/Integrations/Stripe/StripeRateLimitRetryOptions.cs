using System.ComponentModel.DataAnnotations;

namespace Serp.Admin.Integrations.Stripe;

/// <summary>
/// <c>Stripe:RateLimitRetry</c>: how calls to the Stripe API back off when Stripe answers 429. Stripe.net retries
/// connection errors, 409 and 5xx itself, but never a plain 429, so this layer sits under it.
/// </summary>
public sealed class StripeRateLimitRetryOptions
{
    public const string Section = "Stripe:RateLimitRetry";

    /// <summary>Retries of one request that keeps getting 429; then the 429 reaches the caller as a StripeException.</summary>
    [Range(1, 10)] public int MaxRetries { get; set; } = 4;

    /// <summary>First wait; doubled each retry with jitter (2 s, 4 s, 8 s, 16 s by default). A Retry-After header wins.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(2);
}
