using Serp.Admin.Webhooks.Inbox;

namespace Serp.Admin.Webhooks;

/// <summary>
/// What one provider supplies to the provider-neutral webhook door: whether it is configured, and how to verify a
/// delivery's raw bytes and read its envelope. The door does the rest (size limit, store, 503, metrics, signal).
/// </summary>
public interface IWebhookVerifier
{
    string Provider { get; }

    bool IsConfigured { get; }

    /// <summary>
    /// Must not hold a database connection: PayPal's verification is an HTTP call. The door cancels
    /// <paramref name="ct"/> when the answer's 10 s are up and answers 503 <c>verification_unavailable</c>.
    /// </summary>
    Task<WebhookVerdict> VerifyAsync(byte[] body, IHeaderDictionary headers, CancellationToken ct);

    /// <summary>
    /// A cheap, local look at the headers for the rate limiter (no verification, no I/O): do they look like a fresh
    /// signed delivery? Those share a generous bucket per address; the rest (garbage, scans, stale replays) a strict one.
    /// </summary>
    bool LooksFresh(IHeaderDictionary headers);
}

public abstract record WebhookVerdict
{
    /// <summary>Genuine: store it.</summary>
    public sealed record Accepted(IncomingEvent Event) : WebhookVerdict;

    /// <summary>400, nothing stored; <see cref="Reason"/> is the metric/refusal code (e.g. <c>bad_signature</c>).</summary>
    public sealed record Refused(string Reason, string Message) : WebhookVerdict;

    /// <summary>503 so the provider retries (its verification API is down or slow).</summary>
    public sealed record Unavailable(string Reason, string Message) : WebhookVerdict;
}
