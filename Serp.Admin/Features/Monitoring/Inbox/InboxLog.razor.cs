using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Serp.Admin.Auth;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Features.Monitoring.Inbox;

public sealed partial class InboxLog : IDisposable
{
    private const int PageSize = 25;
    private static readonly string[] Statuses =
        [WebhookEventStatus.Received, WebhookEventStatus.Processed, WebhookEventStatus.Failed, WebhookEventStatus.Ignored];

    private InboxPage? page;
    private string? filterError;
    private string? loadError;
    private long? openPayload;
    private string? payload;
    private readonly HashSet<long> replaying = [];
    private bool replayingAll;
    private IReadOnlyList<long> replayedIds = [];
    private ReplayProgress? progress;
    private CancellationTokenSource? following;

    [Parameter] public string? Provider { get; set; }
    [Parameter] public string? Type { get; set; }
    [Parameter] public string? Status { get; set; }
    [Parameter] public string? From { get; set; }
    [Parameter] public string? To { get; set; }
    [Parameter] public long? Older { get; set; }
    [Parameter] public long? Newer { get; set; }
    /// <summary>Called after a replay, so the page's counts follow.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    [Inject] private InboxLogQueries Queries { get; set; } = default!;
    [Inject] private WebhookReplay Replay { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<InboxLog> Logger { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        loadError = null;
        filterError = Validate(out var filter);
        if (filterError is not null) return;
        try
        {
            page = await Queries.PageAsync(filter!, Older, Newer, PageSize, CancellationToken.None);
        }
#pragma warning disable CA1031 // Said on the panel; the page stays up.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Loading the webhook inbox log failed");
            loadError = "The webhook inbox could not be loaded: the database did not answer.";
        }
    }

    /// <summary>A damaged link says which value is wrong and shows nothing rather than something else.</summary>
    private string? Validate(out InboxFilter? filter)
    {
        filter = null;
        if (Provider is { Length: > 0 } p && p is not ("stripe" or "paypal")) return $"Unknown provider \"{p}\": use stripe or paypal.";
        if (Status is { Length: > 0 } s && !Statuses.Contains(s)) return $"Unknown status \"{s}\": use {string.Join(", ", Statuses)}.";
        if (!TryDate(From, out var from)) return $"\"{From}\" is not a date (yyyy-MM-dd).";
        if (!TryDate(To, out var to)) return $"\"{To}\" is not a date (yyyy-MM-dd).";
        if (from is not null && to is not null && to <= from) return "The \"to\" date must come after the \"from\" date.";
        filter = new InboxFilter(Provider, Type?.Trim(), Status, from, to);
        return null;
    }

    private static bool TryDate(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return false;
        value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return true;
    }

    private Task FilterAsync(string? provider = null, string? status = null, string? type = null, string? from = null, string? to = null)
    {
        var values = new Dictionary<string, object?>
        {
            ["provider"] = Blank(provider ?? Provider),
            ["status"] = Blank(status ?? Status),
            ["type"] = Blank(type ?? Type),
            ["from"] = Blank(from ?? From),
            ["to"] = Blank(to ?? To),
            ["older"] = null,
            ["newer"] = null,
        };
        // A cleared field arrives as "" (or null from Clearable): both mean "any".
        if (provider is not null && provider.Length == 0) values["provider"] = null;
        if (status is not null && status.Length == 0) values["status"] = null;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(values));
        return Task.CompletedTask;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private void Move(long? older, long? newer) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["older"] = older, ["newer"] = newer }));

    private Task NewestAsync()
    {
        Move(null, null);
        return Task.CompletedTask;
    }

    private Task NewerAsync()
    {
        Move(null, page is { Rows.Count: > 0 } ? page.Rows[0].Id : null);
        return Task.CompletedTask;
    }

    private Task OlderAsync()
    {
        Move(page is { Rows.Count: > 0 } ? page.Rows[^1].Id : null, null);
        return Task.CompletedTask;
    }

    private async Task TogglePayloadAsync(InboxRow row)
    {
        if (openPayload == row.Id)
        {
            openPayload = null;
            return;
        }
        openPayload = row.Id;
        payload = null;
        try
        {
            payload = await Queries.PayloadAsync(row.Id, CancellationToken.None) ?? "This event no longer exists.";
        }
#pragma warning disable CA1031 // Said in place of the payload; the page stays up.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Loading the payload of webhook event {Id} failed", row.Id);
            payload = "The payload could not be loaded: the database did not answer.";
        }
    }

    private async Task<string> ActorAsync() =>
        StaffIdentity.Actor(AuthenticationState is null ? null : (await AuthenticationState).User);

    private async Task ReplayAsync(InboxRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Replay event?",
            $"{row.EventType} ({row.EventId}) goes back into the queue and is applied again. Applying an event twice changes nothing.",
            yesText: "Replay", cancelText: "Cancel");
        if (confirmed != true) return;

        replaying.Add(row.Id);
        try
        {
            var queued = await Replay.ReplayAsync(row.Id, await ActorAsync(), CancellationToken.None);
            Snackbar.Add(queued ? $"{row.EventId} queued for processing." : $"{row.EventId} no longer exists.", queued ? Severity.Success : Severity.Warning);
            await LoadAsync();
            await Changed.InvokeAsync();
        }
#pragma warning disable CA1031 // An operator action that fails says so and keeps the page alive.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Replaying webhook event {Id} failed", row.Id);
            Snackbar.Add($"{row.EventId} could not be replayed: the database did not answer. Try again.", Severity.Error);
        }
        finally
        {
            replaying.Remove(row.Id);
        }
    }

    private async Task ReplayAllFailedAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Replay all failed events?",
            "Every event that failed for good goes back into the queue and is applied again. Applying an event twice changes nothing.",
            yesText: "Replay all", cancelText: "Cancel");
        if (confirmed != true) return;

        replayingAll = true;
        try
        {
            replayedIds = await Replay.ReplayAllFailedAsync(await ActorAsync(), CancellationToken.None);
            if (replayedIds.Count == 0)
            {
                Snackbar.Add("No event had failed: nothing to replay.", Severity.Info);
                return;
            }
            progress = new ReplayProgress(replayedIds.Count, 0, replayedIds.Count, 0);
            await LoadAsync();
            await Changed.InvokeAsync();
            _ = FollowAsync();
        }
#pragma warning disable CA1031 // An operator action that fails says so and keeps the page alive.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Replaying all failed webhook events failed");
            Snackbar.Add("The failed events could not be replayed: the database did not answer. Nothing was queued; try again.", Severity.Error);
        }
        finally
        {
            replayingAll = false;
        }
    }

    /// <summary>Reads the replayed events' statuses every 2 seconds until none is waiting (or the panel goes away).</summary>
    private async Task FollowAsync()
    {
        following?.Cancel();
        following?.Dispose();
        following = new CancellationTokenSource();
        var ct = following.Token;
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), Time);
            while (progress is { Finished: false } && await timer.WaitForNextTickAsync(ct))
            {
                progress = await Replay.ProgressAsync(replayedIds, ct);
                if (progress.Finished) await LoadAsync();
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // The panel went away.
        }
#pragma warning disable CA1031 // Progress is informative: a failed read leaves the last figures on screen.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogWarning("Following the replay failed ({Error})", ex.GetType().Name);
        }
    }

    private static string ProgressText(ReplayProgress p) =>
        $"Replayed {p.Total} failed {(p.Total == 1 ? "event" : "events")}: {p.Done} applied, {p.Waiting} waiting, {p.FailingAgain} failing again." +
        (p.Finished ? " Done." : "");

    private static string StatusWords(InboxRow row) =>
        row.Status == WebhookEventStatus.Received && row.Attempts > 0 ? "retrying" : row.Status == WebhookEventStatus.Received ? "waiting" : row.Status;

    private static Color StatusColor(InboxRow row) => row.Status switch
    {
        WebhookEventStatus.Processed => Color.Success,
        WebhookEventStatus.Failed => Color.Error,
        WebhookEventStatus.Received when row.Attempts > 0 => Color.Warning,
        _ => Color.Default,
    };

    public void Dispose()
    {
        following?.Cancel();
        following?.Dispose();
    }
}
