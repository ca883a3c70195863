using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using Serp.Admin.Auth;
using Serp.Domain.Catalog;

namespace Serp.Admin.Features.Orders.Detail;

public sealed partial class OrderDetailPage : IAsyncDisposable
{
    private OrderDetail? detail;
    private IReadOnlyList<TimelineStep> steps = [];
    private bool notFound;
    private bool canAddNotes;
    private string? loadError;
    private string? copied;
    private IJSObjectReference? clipboard;
    private readonly CancellationTokenSource disposed = new();

    [Parameter] public string? Id { get; set; }
    [Inject] private OrderDetailQueries Queries { get; set; } = default!;
    [Inject] private OfferCatalog Catalog { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ILogger<OrderDetailPage> Logger { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        detail = null;
        canAddNotes = AuthenticationState is not null && StaffIdentity.HasAtLeast((await AuthenticationState).User, Roles.Support);
        await ReloadAsync();
    }

    /// <summary>Reads the order again: after a note, a refund, or anything else that changed it.</summary>
    public async Task ReloadAsync()
    {
        loadError = null;
        if (!Guid.TryParse(Id, out var id))
        {
            notFound = true;
            return;
        }
        try
        {
            var fresh = await Queries.GetAsync(id, disposed.Token);
            notFound = fresh is null;
            detail = fresh;
            steps = fresh is null ? [] : OrderTimeline.Build(fresh.Timeline);
        }
        catch (OperationCanceledException) when (disposed.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Show the failure on the page instead of tearing the circuit down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Loading order {OrderId} failed", id);
            loadError = "This order could not be loaded: the database did not answer. Try again in a moment.";
        }
        await InvokeAsync(StateHasChanged);
    }

    private async Task CopyAsync(string key)
    {
        try
        {
            clipboard ??= await JS.InvokeAsync<IJSObjectReference>("import", disposed.Token, "./js/clipboard.js");
            await clipboard.InvokeAsync<bool>("copyText", disposed.Token, key);
            copied = key;
        }
        catch (JSException ex)
        {
            Logger.LogWarning(ex, "Copying a license key to the clipboard failed");
            copied = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await disposed.CancelAsync();
        disposed.Dispose();
        if (clipboard is not null)
        {
            try
            {
                await clipboard.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }
}
