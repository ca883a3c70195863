using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Serp.Admin.Integrations.Ghl;

internal static class GhlExtensions
{
    /// <summary>
    /// The GHL API v2 client (<see cref="IGhlApi"/>), its request budget shared through PostgreSQL (call after
    /// <c>AddSerpDatabase</c>) and the location map, from the <c>Ghl</c> section. Without a token
    /// or a location nothing fails at start-up: <see cref="IGhlApi.IsConfigured"/> is false and callers stay idle.
    /// </summary>
    public static IHostApplicationBuilder AddGhl(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GhlOptions>().BindConfiguration(GhlOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp),
                "Ghl:BaseUrl must be an absolute http(s) URL, e.g. https://services.leadconnectorhq.com.")
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromMinutes(2),
                "Ghl:Timeout must be more than zero and at most 00:02:00.")
            .ValidateOnStart();

        // The per-request timeout is Ghl:Timeout (GhlHttp), so it can tell a slow GHL from a cancelled caller.
        builder.Services.AddHttpClient(GhlHttp.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GhlRequestBudget>();
        builder.Services.AddSingleton<GhlHttp>();
        builder.Services.AddSingleton<IGhlApi, GhlClient>();
        builder.Services.AddSingleton<IGhlLocationMap, GhlLocationMap>();
        return builder;
    }
}
