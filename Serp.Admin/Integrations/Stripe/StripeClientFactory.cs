using Microsoft.Extensions.Options;
using Stripe;

namespace Serp.Admin.Integrations.Stripe;

/// <summary>
/// Builds Stripe.net clients from <c>Stripe:SecretKey</c> and <c>Stripe:ApiBase</c> over the named
/// <see cref="HttpClientName"/> client (which adds the 429 back-off). One client per operation: the HttpClient
/// comes from IHttpClientFactory each time, so its handler is recycled as the factory intends.
/// </summary>
public sealed class StripeClientFactory(IOptionsMonitor<StripeOptions> options, IHttpClientFactory httpClients)
{
    public const string HttpClientName = "Stripe";

    /// <summary>Stripe.net's own retries (connection errors, 409, 5xx, Stripe-Should-Retry), 0.5 s doubling to 5 s.</summary>
    public const int MaxNetworkRetries = 2;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.CurrentValue.SecretKey);

    public StripeClient Create()
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(settings.SecretKey))
        {
            throw new InvalidOperationException("Stripe:SecretKey is not set: the Stripe API cannot be called.");
        }

        var http = new SystemNetHttpClient(httpClients.CreateClient(HttpClientName), MaxNetworkRetries);
        return new StripeClient(new StripeClientOptions
        {
            ApiKey = settings.SecretKey,
            // Stripe.net appends "/v1/..." to the base: a trailing slash would double it.
            ApiBase = string.IsNullOrWhiteSpace(settings.ApiBase) ? null : settings.ApiBase.TrimEnd('/'),
            HttpClient = http,
        });
    }
}
