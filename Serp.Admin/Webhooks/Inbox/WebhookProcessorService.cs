using Microsoft.Extensions.Options;

namespace Serp.Admin.Webhooks.Inbox;

/// <summary>Runs <see cref="WebhookProcessingOptions.Workers"/> processing loops for the life of the app.</summary>
internal sealed class WebhookProcessorService(WebhookProcessor processor, IOptions<WebhookProcessingOptions> options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled
            ? Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => processor.RunAsync(stoppingToken), stoppingToken)))
            : Task.CompletedTask;
}
