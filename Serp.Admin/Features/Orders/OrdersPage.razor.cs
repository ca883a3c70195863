using Microsoft.AspNetCore.Components;
using MudBlazor;
using Serp.Domain.Catalog;

namespace Serp.Admin.Features.Orders;

public sealed partial class OrdersPage
{
    private MudDataGrid<OrderRow>? grid;
    private string? loadError;

    [Inject] private OrderQueries Queries { get; set; } = default!;
    [Inject] private OfferCatalog Catalog { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<OrdersPage> Logger { get; set; } = default!;

    // Filters live in the query string so that a filtered list is a link one can share.
    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = "source")] public string? Source { get; set; }

    private async Task<GridData<OrderRow>> LoadAsync(GridState<OrderRow> state, CancellationToken ct)
    {
        try
        {
            loadError = null;
            var page = await Queries.ListAsync(new OrderFilter(Status, Source), state.Page, state.PageSize, ct);
            return new GridData<OrderRow> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new GridData<OrderRow>();
        }
#pragma warning disable CA1031 // Show the failure in the page instead of tearing the circuit down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Loading orders failed");
            loadError = "Orders could not be loaded: the database did not answer. Try again in a moment.";
            return new GridData<OrderRow>();
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (grid is not null) await grid.ReloadServerData();
    }

    private void OnStatusChanged(string? status) => NavigateWith(status, Source);

    private void OnSourceChanged(string? source) => NavigateWith(Status, source);

    private void NavigateWith(string? status, string? source) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["status"] = string.IsNullOrEmpty(status) ? null : status,
            ["source"] = string.IsNullOrEmpty(source) ? null : source,
        }), replace: true);
}
