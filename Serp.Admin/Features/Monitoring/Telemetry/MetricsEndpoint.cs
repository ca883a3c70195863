using Microsoft.Extensions.Options;

namespace Serp.Admin.Features.Monitoring.Telemetry;

internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>
    /// <c>/metrics</c> in Prometheus text format for a scraper that sends <c>Authorization: Bearer</c> with
    /// <c>Monitoring:MetricsToken</c>; 401 for any other request; 404 while no token is configured. Never behind the
    /// staff sign-in: a scraper cannot follow an OpenID Connect redirect, and the token is its credential.
    /// </summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<MonitoringOptions>>().Value;
        if (!options.MetricsEnabled)
        {
            // Mapped all the same: unmapped, the fallback policy would send an anonymous scraper to the sign-in page.
            app.Map(Path, () => TypedResults.Text("Not found: /metrics is off (Monitoring:MetricsToken is not set).", statusCode: StatusCodes.Status404NotFound))
                .AllowAnonymous();
            return app;
        }

        var gate = new MetricsTokenGate(options.MetricsToken!);
        // The exporter's own branch (AddPrometheusExporter in AddSerpTelemetry registered its reader on the app's
        // MeterProvider); the gate runs first in that branch.
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(gate.InvokeAsync), optionsName: null)
            .AllowAnonymous();
        return app;
    }
}
