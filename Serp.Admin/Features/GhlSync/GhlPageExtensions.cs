using Serp.Admin.Features.GhlSync.Status;
using Serp.Admin.Integrations.Ghl;

namespace Serp.Admin.Features.GhlSync;

internal static class GhlPageExtensions
{
    /// <summary>The operator side of the GHL sync: /ghl, its queries and the resync, drift and configuration services.</summary>
    public static IHostApplicationBuilder AddGhlPage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GhlOptions>().BindConfiguration(GhlOptions.Section);
        builder.Services.AddGhlPageServices();
        return builder;
    }

    /// <summary>The page's services alone (the component tests register them over a test database).</summary>
    public static IServiceCollection AddGhlPageServices(this IServiceCollection services)
    {
        services.AddSingleton<GhlSyncQueries>();
        return services;
    }
}
