namespace Serp.Admin.Features.Monitoring;

internal static class MonitoringExtensions
{
    public static IHostApplicationBuilder AddMonitoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WebhookMonitoringQueries>();
        return builder;
    }
}
