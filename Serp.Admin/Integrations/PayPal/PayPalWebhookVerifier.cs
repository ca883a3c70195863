using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Serp.Admin.Webhooks;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Orders;

namespace Serp.Admin.Integrations.PayPal;

/// <summary>
/// Verifies a PayPal delivery with PayPal's own verify-webhook-signature call (the raw bytes spliced in as received):
/// a missing header or malformed JSON is refused before PayPal is asked; PayPal down, slow or refusing our
/// credentials is <see cref="WebhookVerdict.Unavailable"/> (503), so PayPal delivers again later. Holds no database
/// connection.
/// </summary>
internal sealed class PayPalWebhookVerifier(IPayPalApi api, IOptionsMonitor<PayPalOptions> options, TimeProvider time,
    ILogger<PayPalWebhookVerifier> logger) : IWebhookVerifier
{
    public const string MissingHeader = "missing_header";
    public const string Malformed = "malformed";
    public const string VerificationFailed = "verification_failed";
    public const string VerificationUnavailable = "verification_unavailable";

    private static readonly string[] Headers =
        ["PAYPAL-AUTH-ALGO", "PAYPAL-CERT-URL", "PAYPAL-TRANSMISSION-ID", "PAYPAL-TRANSMISSION-SIG", "PAYPAL-TRANSMISSION-TIME"];

    /// <summary>A delivery PayPal just sent says so in its transmission time; retries are new transmissions.</summary>
    private static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(10);

    public string Provider => PaymentSource.PayPal;

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    public bool LooksFresh(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Headers.All(n => !string.IsNullOrWhiteSpace(headers[n].ToString()))
            && DateTimeOffset.TryParse(headers["PAYPAL-TRANSMISSION-TIME"].ToString(), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var sent)
            && (time.GetUtcNow() - sent).Duration() <= FreshFor;
    }

    public async Task<WebhookVerdict> VerifyAsync(byte[] body, IHeaderDictionary headers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(headers);
        var values = Headers.Select(n => headers[n].ToString()).ToArray();
        if (Array.FindIndex(values, string.IsNullOrWhiteSpace) is var missing and >= 0)
        {
            return new WebhookVerdict.Refused(MissingHeader, $"The {Headers[missing]} header is missing.");
        }
        if (Envelope(body) is not { } envelope)
        {
            return new WebhookVerdict.Refused(Malformed, "The body is not a PayPal event (JSON with id and event_type).");
        }

        PayPalVerification verification;
        try
        {
            verification = await api.VerifyWebhookSignatureAsync(
                new PayPalTransmission(values[0], values[1], values[2], values[3], values[4]), body, ct);
        }
        catch (PayPalApiException ex)
        {
            // Whatever the cause (PayPal down, our credentials refused), the delivery may be genuine: PayPal retries
            // a 503 for three days, time enough to fix a configuration.
            logger.LogWarning("PayPal could not verify webhook {EventId}: {Status} {Issue}", envelope.Id, ex.StatusCode, ex.Issue);
            return new WebhookVerdict.Unavailable(VerificationUnavailable, "PayPal could not verify the delivery now: try again later.");
        }
        if (!verification.Succeeded)
        {
            return new WebhookVerdict.Refused(VerificationFailed, $"PayPal did not verify the delivery ({verification.Status}).");
        }
        var live = string.Equals(options.CurrentValue.ApiBase.TrimEnd('/'), PayPalOptions.LiveApiBase, StringComparison.OrdinalIgnoreCase);
        return new WebhookVerdict.Accepted(new IncomingEvent(
            PaymentSource.PayPal, envelope.Id, envelope.Type, envelope.ResourceVersion, live, Encoding.UTF8.GetString(body)));
    }

    private sealed record EnvelopeFields(string Id, string Type, string? ResourceVersion);

    private static EnvelopeFields? Envelope(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            var type = root.TryGetProperty("event_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var version = root.TryGetProperty("resource_version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(type) ? null : new EnvelopeFields(id, type, version);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
