using Microsoft.AspNetCore.Components.Server.Circuits;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serp.Admin.Integrations.Ghl;
using Serp.Admin.Webhooks;

namespace Serp.Admin.Features.Monitoring.Telemetry;

internal static class TelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry metrics and traces: ASP.NET Core, HttpClient, Npgsql and our own meters, sent to an OTLP collector
    /// when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and offered to Prometheus on <c>/metrics</c>
    /// (<see cref="MetricsEndpoint"/>) when <c>Monitoring:MetricsToken</c> is set.
    /// </summary>
    public static IHostApplicationBuilder AddSerpTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CircuitMetrics>();
        builder.Services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<CircuitMetrics>());
        builder.Services.AddSingleton<BacklogGauges>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BacklogGauges>());

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var prometheus = builder.Configuration.GetSection(MonitoringOptions.Section).Get<MonitoringOptions>()?.MetricsEnabled == true;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("serp-admin"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentationIfAny()
                    .AddMeter(WebhookMetrics.MeterName, GhlMetrics.MeterName, CircuitMetrics.MeterName, BacklogGauges.MeterName)
                    .AddNpgsqlInstrumentation()
                    // Blazor resolves circuit handlers only when the first circuit opens: created with the provider
                    // instead, the open-circuits series is there (at 0) from the start.
                    .AddInstrumentation(sp => sp.GetRequiredService<CircuitMetrics>());
                if (otlp) metrics.AddOtlpExporter();
                // The reader that MapPrometheusScrapingEndpoint looks for on this MeterProvider: without it the
                // endpoint cannot be mapped.
                if (prometheus) metrics.AddPrometheusExporter();
            })
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/_blazor"))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                if (otlp) tracing.AddOtlpExporter();
            });
        return builder;
    }

    private static MeterProviderBuilder AddRuntimeInstrumentationIfAny(this MeterProviderBuilder metrics) =>
        // .NET's own runtime meter (GC, thread pool, exceptions) needs no package.
        metrics.AddMeter("System.Runtime");
}
