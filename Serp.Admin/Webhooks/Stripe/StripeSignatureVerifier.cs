using Microsoft.Extensions.Options;
using Serp.Admin.Integrations.Stripe;
using Stripe;

namespace Serp.Admin.Webhooks.Stripe;

/// <summary>
/// Checks Stripe-Signature against every configured secret (rotation), with Stripe's 300 s tolerance on the
/// signed timestamp, using Stripe.net's own verification on the exact bytes received.
/// </summary>
public sealed class StripeSignatureVerifier(IOptionsMonitor<StripeOptions> options, TimeProvider time)
{
    public const long ToleranceSeconds = 300;

    public bool IsConfigured => options.CurrentValue.WebhookSecrets.Count > 0;

    public bool IsValid(string payload, string signatureHeader)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var secret in options.CurrentValue.WebhookSecrets)
        {
            try
            {
                EventUtility.ValidateSignature(payload, signatureHeader, secret, ToleranceSeconds, now);
                return true;
            }
            catch (StripeException)
            {
                // Not this secret (or a stale / malformed header): try the next one.
            }
        }
        return false;
    }

    /// <summary>
    /// A cheap pre-check used by the rate limiter: does the header look like a fresh Stripe signature? Real deliveries
    /// always do; a flood of garbage mostly does not and lands in the strict bucket.
    /// </summary>
    public bool LooksFresh(string? signatureHeader)
    {
        if (string.IsNullOrEmpty(signatureHeader)) return false;
        foreach (var part in signatureHeader.Split(','))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(part.AsSpan(2), out var t))
            {
                return Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - t) <= ToleranceSeconds;
            }
        }
        return false;
    }
}
