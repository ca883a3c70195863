using Microsoft.AspNetCore.Components;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Features.GhlSync.Status;

public sealed partial class GhlFailingList : IDisposable
{
    public const int PageSize = 25;
    private static readonly TimeSpan WatchEvery = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource disposed = new();
    // The cursors of the pages before this one: "Newer" pops, "Older" pushes.
    private readonly Stack<GhlFailingCursor?> previous = new();
    // Rows resynced from this list: their current status, until they are done.
    private readonly Dictionary<string, GhlCustomerState> live = new(StringComparer.Ordinal);
    private readonly HashSet<string> watching = new(StringComparer.Ordinal);
    private GhlFailingCursor? current;
    private GhlFailingPage? page;
    private string? error;
    private Timer? timer;

    [Inject] private GhlSyncQueries Queries { get; set; } = default!;
    [Inject] private ILogger<GhlFailingList> Logger { get; set; } = default!;

    /// <summary>Called when a resynced row finished (synced or failed again), so the page can recount.</summary>
    [Parameter] public EventCallback OnRowFinished { get; set; }

    protected override Task OnInitializedAsync() => LoadAsync();

    /// <summary>Reads the current page again.</summary>
    public async Task LoadAsync()
    {
        try
        {
            error = null;
            page = await Queries.FailingAsync(current, PageSize, disposed.Token);
            live.Clear();
        }
        catch (OperationCanceledException) when (disposed.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Say it on the page; the circuit stays up.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Loading the failing GHL syncs failed");
            error = "The failing customers could not be loaded: the database did not answer.";
        }
        StateHasChanged();
    }

    private async Task WatchAsync(string email)
    {
        watching.Add(email);
        timer ??= new Timer(_ => _ = InvokeAsync(RefreshWatchedAsync), null, WatchEvery, WatchEvery);
        await RefreshWatchedAsync();
    }

    private async Task RefreshWatchedAsync()
    {
        if (watching.Count == 0 || disposed.IsCancellationRequested) return;
        try
        {
            var states = await Queries.CustomersAsync(watching, disposed.Token);
            var finished = false;
            foreach (var state in states)
            {
                live[state.Email] = state;
                if (state.Status is GhlSyncStatus.Succeeded or GhlSyncStatus.Failed or GhlSyncStatus.Skipped)
                {
                    finished |= watching.Remove(state.Email);
                }
            }
            if (finished) await OnRowFinished.InvokeAsync();
            StateHasChanged();
        }
        catch (OperationCanceledException) when (disposed.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A missed poll is retried at the next tick.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogWarning(ex, "Refreshing resynced GHL rows failed");
        }
    }

    private Task OlderAsync()
    {
        previous.Push(current);
        current = page!.Rows[^1].Cursor;
        return LoadAsync();
    }

    private Task NewerAsync()
    {
        current = previous.Pop();
        return LoadAsync();
    }

    private Task FirstAsync()
    {
        previous.Clear();
        current = null;
        return LoadAsync();
    }

    public void Dispose()
    {
        timer?.Dispose();
        disposed.Cancel();
        disposed.Dispose();
    }
}
