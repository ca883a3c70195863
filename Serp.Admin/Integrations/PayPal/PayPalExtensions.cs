using Microsoft.Extensions.DependencyInjection.Extensions;
using Serp.Admin.Integrations.PayPal.Api;

namespace Serp.Admin.Integrations.PayPal;

internal static class PayPalExtensions
{
    /// <summary>
    /// PayPal from the <c>PayPal</c> section: the REST client (<see cref="IPayPalApi"/>) with its token cache. Without
    /// the credentials nothing fails at start-up: <see cref="PayPalOptions.IsConfigured"/> is false, the webhook door
    /// answers 503 and /monitoring says so.
    /// </summary>
    public static IHostApplicationBuilder AddPayPal(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PayPalOptions>().BindConfiguration(PayPalOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => Uri.TryCreate(o.ApiBase, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp),
                "PayPal:ApiBase must be an absolute http(s) URL, e.g. https://api-m.paypal.com.")
            .ValidateOnStart();

        // The per-request timeout is PayPal:Timeout (PayPalHttp), so it can tell a slow PayPal from a cancelled caller.
        builder.Services.AddHttpClient(PayPalHttp.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PayPalTokenCache>();
        builder.Services.AddSingleton<PayPalHttp>();
        builder.Services.AddSingleton<IPayPalApi, PayPalClient>();
        return builder;
    }
}
