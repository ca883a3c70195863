using Microsoft.AspNetCore.Components;
using MudBlazor;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Features.Monitoring;

public sealed partial class MonitoringPage
{
    private static readonly (string Status, string Label, Color Color)[] Tiles =
    [
        (WebhookEventStatus.Received, "Waiting", Color.Default),
        (WebhookEventStatus.Processed, "Processed", Color.Success),
        (WebhookEventStatus.Ignored, "Ignored (unused types)", Color.Default),
        (WebhookEventStatus.Failed, "Failed", Color.Error),
    ];

    private IReadOnlyList<InboxCounts>? counts;
    private IReadOnlyList<ApiVersionRow> foreignVersions = [];
    private IReadOnlyList<RefusalRow>? refusals;
    private TimeSpan? oldestWaiting;
    private string? loadError;

    // The inbox log's filter and position: in the URL, so any view of the log is a link.
    [SupplyParameterFromQuery(Name = "provider")] private string? Provider { get; set; }
    [SupplyParameterFromQuery(Name = "type")] private string? Type { get; set; }
    [SupplyParameterFromQuery(Name = "status")] private string? Status { get; set; }
    [SupplyParameterFromQuery(Name = "from")] private string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] private string? To { get; set; }
    [SupplyParameterFromQuery(Name = "older")] private long? Older { get; set; }
    [SupplyParameterFromQuery(Name = "newer")] private long? Newer { get; set; }

    [Inject] private WebhookMonitoringQueries Queries { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<MonitoringPage> Logger { get; set; } = default!;

    private static string SdkApiVersion => global::Stripe.StripeConfiguration.ApiVersion;

    protected override Task OnInitializedAsync() => LoadAsync();

    private int Count(string status) => counts?.Where(c => c.Status == status).Sum(c => c.Count) ?? 0;

    private async Task LoadAsync()
    {
        try
        {
            loadError = null;
            // Shown together: a render between the queries (a parent's) would show the tiles loaded and the rest still loading.
            var loadedCounts = await Queries.CountsAsync(CancellationToken.None);
            var loadedOldest = await Queries.OldestWaitingAsync(CancellationToken.None);
            var loadedRefusals = await Queries.RefusalsAsync(Time.GetUtcNow().AddDays(-7), CancellationToken.None);
            IReadOnlyList<ApiVersionRow> foreign = [.. (await Queries.StripeApiVersionsAsync(CancellationToken.None)).Where(v => v.ApiVersion != SdkApiVersion)];
            (counts, oldestWaiting, refusals, foreignVersions) = (loadedCounts, loadedOldest, loadedRefusals, foreign);
        }
#pragma warning disable CA1031 // Show the failure on the page; the circuit stays up.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Loading monitoring data failed");
            loadError = "Monitoring data could not be loaded: the database did not answer.";
        }
    }
}
