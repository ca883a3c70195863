using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Serp.Admin.Webhooks;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Orders;
using Stripe;

namespace Serp.Admin.Integrations.Stripe;

/// <summary>
/// Stripe's side of the webhook door: checks Stripe-Signature against every configured secret (rotation), with
/// Stripe's 300 s tolerance on the signed timestamp, using Stripe.net's own verification on the exact bytes received,
/// then reads the event's envelope. Local work only: no database, no network.
/// </summary>
public sealed class StripeSignatureVerifier(IOptionsMonitor<StripeOptions> options, TimeProvider time) : IWebhookVerifier
{
    public const long ToleranceSeconds = 300;
    private const string Header = "Stripe-Signature";

    public string Provider => PaymentSource.Stripe;

    public bool IsConfigured => options.CurrentValue.WebhookSecrets.Count > 0;

    public Task<WebhookVerdict> VerifyAsync(byte[] body, IHeaderDictionary headers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(headers);
        return Task.FromResult(Verify(body, headers[Header].ToString()));
    }

    /// <summary>
    /// A cheap pre-check used by the rate limiter: does the header look like a fresh Stripe signature? Real deliveries
    /// always do; a flood of garbage mostly does not and lands in the strict bucket.
    /// </summary>
    public bool LooksFresh(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var signatureHeader = headers[Header].ToString();
        if (signatureHeader.Length == 0) return false;
        foreach (var part in signatureHeader.Split(','))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(part.AsSpan(2), out var t))
            {
                return Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - t) <= ToleranceSeconds;
            }
        }
        return false;
    }

    private WebhookVerdict Verify(byte[] body, string signatureHeader)
    {
        if (signatureHeader.Length == 0) return new WebhookVerdict.Refused("missing_signature", "The Stripe-Signature header is missing.");
        var payload = Encoding.UTF8.GetString(body);
        if (!IsValid(payload, signatureHeader))
        {
            return new WebhookVerdict.Refused("bad_signature", "The signature does not match, or its timestamp is outside the tolerance.");
        }
        return TryRead(payload) is { } incoming
            ? new WebhookVerdict.Accepted(incoming)
            : new WebhookVerdict.Refused("malformed", "The body is not a Stripe event (JSON with id and type).");
    }

    private bool IsValid(string payload, string signatureHeader)
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

    private static IncomingEvent? TryRead(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.Str("id") is not { Length: > 0 } id || root.Str("type") is not { Length: > 0 } type) return null;
            return new IncomingEvent(PaymentSource.Stripe, id, type, root.Str("api_version"), root.Bool("livemode") ?? false, payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
