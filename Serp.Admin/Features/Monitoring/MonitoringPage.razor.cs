using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Serp.Admin.Auth;
using Serp.Admin.Webhooks;
using Serp.Admin.Webhooks.Inbox;
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
    private IReadOnlyList<FailedEventRow>? failed;
    private IReadOnlyList<ApiVersionRow> foreignVersions = [];
    private TimeSpan? oldestWaiting;
    private string? loadError;
    private readonly HashSet<long> replaying = [];

    [Inject] private WebhookMonitoringQueries Queries { get; set; } = default!;
    [Inject] private WebhookReplay Replay { get; set; } = default!;
    [Inject] private WebhookMetrics Metrics { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ILogger<MonitoringPage> Logger { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private static string SdkApiVersion => global::Stripe.StripeConfiguration.ApiVersion;

    protected override Task OnInitializedAsync() => LoadAsync();

    private int Count(string status) => counts?.Where(c => c.Status == status).Sum(c => c.Count) ?? 0;

    private async Task LoadAsync()
    {
        try
        {
            loadError = null;
            counts = await Queries.CountsAsync(CancellationToken.None);
            failed = await Queries.FailedAsync(50, CancellationToken.None);
            oldestWaiting = await Queries.OldestWaitingAsync(CancellationToken.None);
            foreignVersions = [.. (await Queries.StripeApiVersionsAsync(CancellationToken.None)).Where(v => v.ApiVersion != SdkApiVersion)];
        }
#pragma warning disable CA1031 // Show the failure on the page; the circuit stays up.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Loading monitoring data failed");
            loadError = "Monitoring data could not be loaded: the database did not answer.";
        }
    }

    private async Task ReplayAsync(FailedEventRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Replay event?",
            $"{row.EventType} ({row.EventId}) goes back into the queue and is applied again. Applying an event twice changes nothing.",
            yesText: "Replay", cancelText: "Cancel");
        if (confirmed != true) return;

        replaying.Add(row.Id);
        try
        {
            var actor = StaffIdentity.Actor(AuthenticationState is null ? null : (await AuthenticationState).User);
            var queued = await Replay.ReplayAsync(row.Id, actor, CancellationToken.None);
            Snackbar.Add(queued ? $"{row.EventId} queued for processing." : $"{row.EventId} no longer exists.", queued ? Severity.Success : Severity.Warning);
            await LoadAsync();
        }
        finally
        {
            replaying.Remove(row.Id);
        }
    }
}
