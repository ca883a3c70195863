using Npgsql;
using Serp.Domain.Data;

namespace Serp.Admin.Features.Analytics;

public static class AnalyticsExtensions
{
    public static IHostApplicationBuilder AddAnalytics(this IHostApplicationBuilder builder)
    {
        var readOnly = builder.Configuration.GetConnectionString("SerpReadOnly");
        // Keyed, so that the container disposes the replica's pool with the app.
        builder.Services.AddKeyedSingleton(nameof(AnalyticsDatabase), (services, _) => string.IsNullOrWhiteSpace(readOnly)
            ? services.GetRequiredService<NpgsqlDataSource>()
            : SerpDatabase.CreateDataSource(readOnly));
        builder.Services.AddSingleton(services =>
            new AnalyticsDatabase(services.GetRequiredKeyedService<NpgsqlDataSource>(nameof(AnalyticsDatabase))));
        builder.Services.AddSingleton<AnalyticsQueries>();
        builder.Services.AddSingleton<CustomerQueries>();
        builder.Services.AddSingleton<ProductStatsQuery>();
        builder.Services.AddSingleton<ProductsCsv>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder app)
    {
        ProductsCsvEndpoint.Map(app);
        return app;
    }
}
