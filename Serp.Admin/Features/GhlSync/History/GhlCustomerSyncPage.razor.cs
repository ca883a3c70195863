using Microsoft.AspNetCore.Components;
using MudBlazor;
using Serp.Admin.Features.GhlSync.Status;

namespace Serp.Admin.Features.GhlSync.History;

public sealed partial class GhlCustomerSyncPage : IDisposable
{
    public const int PageSize = 50;

    private readonly CancellationTokenSource disposed = new();
    private readonly List<BreadcrumbItem> crumbs = [new("GHL sync", "/ghl"), new("Customer", null, disabled: true)];
    private List<GhlAttemptRow>? attempts;
    private GhlStatePanel? statePanel;
    private bool hasMore;
    private string? error;

    [Parameter] public string Email { get; set; } = "";
    [Inject] private GhlHistoryQueries Queries { get; set; } = default!;
    [Inject] private ILogger<GhlCustomerSyncPage> Logger { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        attempts = null;
        await LoadAsync(null);
    }

    /// <summary>After a drift fix: follow the row until the sync is done, then read the attempts again.</summary>
    private async Task WatchAsync()
    {
        if (statePanel is not null) await statePanel.WatchAsync();
    }

    private async Task ReloadAttemptsAsync()
    {
        attempts = null;
        await LoadAsync(null);
    }

    private Task OlderAsync() => LoadAsync(attempts?.LastOrDefault());

    private async Task LoadAsync(GhlAttemptRow? after)
    {
        try
        {
            error = null;
            var page = await Queries.AttemptsAsync(Email, after, PageSize, disposed.Token);
            attempts = after is null ? [.. page.Rows] : [.. attempts ?? [], .. page.Rows];
            hasMore = page.HasMore;
        }
        catch (OperationCanceledException) when (disposed.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Say it on the page; the circuit stays up.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Loading a customer's GHL attempts failed");
            error = "The sync attempts could not be loaded: the database did not answer.";
        }
    }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }
}
