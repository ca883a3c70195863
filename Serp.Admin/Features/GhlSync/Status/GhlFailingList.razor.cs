using Microsoft.AspNetCore.Components;

namespace Serp.Admin.Features.GhlSync.Status;

public sealed partial class GhlFailingList : IDisposable
{
    public const int PageSize = 25;

    private readonly CancellationTokenSource disposed = new();
    // The cursors of the pages before this one: "Newer" pops, "Older" pushes.
    private readonly Stack<GhlFailingCursor?> previous = new();
    private GhlFailingCursor? current;
    private GhlFailingPage? page;
    private string? error;

    [Inject] private GhlSyncQueries Queries { get; set; } = default!;
    [Inject] private ILogger<GhlFailingList> Logger { get; set; } = default!;

    /// <summary>What each row offers besides its link (the resync button); nothing when not given.</summary>
    [Parameter] public RenderFragment<GhlFailingRow>? RowActions { get; set; }

    protected override Task OnInitializedAsync() => LoadAsync();

    /// <summary>Reads the current page again (after a resync moved rows out of it).</summary>
    public async Task LoadAsync()
    {
        try
        {
            error = null;
            page = await Queries.FailingAsync(current, PageSize, disposed.Token);
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
        disposed.Cancel();
        disposed.Dispose();
    }
}
