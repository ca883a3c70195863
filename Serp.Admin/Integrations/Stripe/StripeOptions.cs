namespace Serp.Admin.Integrations.Stripe;

/// <summary>The <c>Stripe</c> configuration section (contract keys).</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    public string? SecretKey { get; set; }
    /// <summary>One or more webhook signing secrets, comma-separated, so a rotation never rejects a delivery.</summary>
    public string? WebhookSecret { get; set; }
    public string? ApiBase { get; set; }

    public IReadOnlyList<string> WebhookSecrets =>
        (WebhookSecret ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
