using Serp.Admin.Features.GhlSync.Configuration;
using Serp.Admin.Features.GhlSync.Drift;
using Serp.Admin.Features.GhlSync.History;
using Serp.Admin.Features.GhlSync.Resync;
using Serp.Admin.Features.GhlSync.Status;

namespace Serp.Admin.Features.GhlSync;

internal static class GhlPageExtensions
{
    /// <summary>
    /// The operator side of the GHL sync: /ghl, its queries, the resync, drift and configuration services, and the
    /// drift scan runner (needs <c>AddGhl</c> and <c>AddGhlSync</c> before it).
    /// </summary>
    public static IHostApplicationBuilder AddGhlPage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGhlPageServices();
        builder.Services.AddHostedService<GhlDriftScanWorker>();
        return builder;
    }

    /// <summary>The page's services alone (the component tests register them over a test database).</summary>
    public static IServiceCollection AddGhlPageServices(this IServiceCollection services)
    {
        services.AddSingleton<GhlSyncQueries>();
        services.AddSingleton<GhlActivityQueries>();
        services.AddSingleton<GhlHistoryQueries>();
        services.AddSingleton<GhlBulkQueries>();
        services.AddSingleton<GhlResync>();
        services.AddSingleton<GhlDriftCheck>();
        services.AddSingleton<GhlDriftScans>();
        services.AddSingleton<GhlConfigurationCheck>();
        return services;
    }
}
