using System.ComponentModel.DataAnnotations;

namespace Serp.Admin.Integrations.PayPal;

/// <summary>
/// The <c>PayPal</c> configuration section. <c>ClientId</c>, <c>ClientSecret</c>, <c>WebhookId</c> and <c>ApiBase</c> are
/// contract keys. Without the first three the webhook door answers 503 and /monitoring says PayPal is not configured.
/// </summary>
public sealed class PayPalOptions
{
    public const string Section = "PayPal";
    public const string LiveApiBase = "https://api-m.paypal.com";

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>The id PayPal gave the webhook subscription: part of every signature verification.</summary>
    public string? WebhookId { get; set; }
    /// <summary>The live API unless overridden (sandbox <c>https://api-m.sandbox.paypal.com</c>, or a test stand-in).</summary>
    public string ApiBase { get; set; } = LiveApiBase;

    /// <summary>Capture approved orders ourselves. Off by default: the storefront usually captures.</summary>
    public bool AutoCapture { get; set; }

    /// <summary>Per-request timeout; the webhook door answers 503 within 10 seconds whatever this is.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(8);

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(WebhookId);
}
