using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Primitives;
using MudBlazor;
using Serp.Admin.Components.Shared;
using Serp.Domain.Catalog;

namespace Serp.Admin.Features.Orders;

/// <summary>
/// The order list. Everything it shows follows from the URL (filter, sort, page position, page size), so a link
/// reproduces the view; the controls only navigate. Rows load first; the total and the currency totals follow.
/// The prerendered response carries its rows to the circuit (<see cref="PrerenderedRows"/>), so the interactive
/// render shows the same rows at once instead of emptying the grid and reading them again.
/// </summary>
public sealed partial class OrdersPage : IDisposable
{
    private const string PrerenderedRowsKey = "orders-page";

    public static IReadOnlyList<int> PageSizes { get; } = [25, 50, 100];

    private OrderFilter filter = OrderFilter.Default;
    private OrderCursor? cursor;
    private int pageSize = PageSizes[0];
    private string currentQuery = "";
    private string? parseError;
    private string? loadError;
    private bool loading = true;
    private OrderPage? page;
    private IReadOnlyList<OrderRow> rows = [];
    private OrderTotal? total;
    private IReadOnlyList<CurrencyTotals>? totals;
    private bool totalsLoading;
    private string? totalsError;
    private string? loadedKey;
    private string? countedKey;
    private CancellationTokenSource? pageLoad;
    private CancellationTokenSource? countLoad;
    private PrerenderedRows? prerendered;
    private PersistingComponentStateSubscription persisting;

    [Inject] private OrderQueries Queries { get; set; } = default!;
    [Inject] private OfferCatalog Catalog { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<OrdersPage> Logger { get; set; } = default!;
    [Inject] private PersistentComponentState PersistentState { get; set; } = default!;
    [CascadingParameter] private OperatorTimeZone? TimeZone { get; set; }

    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = "source")] public string? Source { get; set; }
    [SupplyParameterFromQuery(Name = "offer")] public string? Offer { get; set; }
    [SupplyParameterFromQuery(Name = "lander")] public string? Lander { get; set; }
    [SupplyParameterFromQuery(Name = "currency")] public string? Currency { get; set; }
    [SupplyParameterFromQuery(Name = "affiliate")] public string? Affiliate { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "amount_min")] public string? AmountMin { get; set; }
    [SupplyParameterFromQuery(Name = "amount_max")] public string? AmountMax { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "dir")] public string? Dir { get; set; }
    [SupplyParameterFromQuery(Name = "after")] public string? After { get; set; }
    [SupplyParameterFromQuery(Name = "before")] public string? Before { get; set; }
    [SupplyParameterFromQuery(Name = "size")] public string? Size { get; set; }
    /// <summary>The zone the link's dates mean (IANA id, e.g. UTC from /analytics, whose periods are UTC days); else the operator's.</summary>
    [SupplyParameterFromQuery(Name = "tz")] public string? Tz { get; set; }

    protected override void OnInitialized()
    {
        persisting = PersistentState.RegisterOnPersisting(PersistRows, Microsoft.AspNetCore.Components.Web.RenderMode.InteractiveServer);
        if (PersistentState.TryTakeFromJson<PrerenderedRows>(PrerenderedRowsKey, out var rowsOfPrerender)) prerendered = rowsOfPrerender;
    }

    /// <summary>What "Save view" keeps: the filter and, for a link that named its zone (tz), that zone, so its dates keep their days.</summary>
    private string SavedQuery => Tz is null || parseError is not null
        ? currentQuery
        : $"{currentQuery}{(currentQuery.Length > 0 ? "&" : "")}tz={Uri.EscapeDataString(Tz)}";

    protected override async Task OnParametersSetAsync()
    {
        var zone = (TimeZone ?? OperatorTimeZone.Utc).Zone;
        string? error = null;
        if ((Tz is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(Tz, out zone)) || !TryReadUrl(zone!, out error))
        {
            parseError = error ?? $"This link's time zone \"{Tz}\" (tz) is not known.";
            (page, rows, total, totals, loading, loadedKey, countedKey, currentQuery) = (null, [], null, null, false, null, null, "");
            CancelLoads();
            return;
        }
        parseError = null;
        currentQuery = filter.ToQueryString();
        // Dates mean midnights of the operator's zone, which is known only once the circuit is live.
        var filterKey = filter.From is null && filter.To is null ? currentQuery : $"{currentQuery}|{zone!.Id}";
        var key = $"{filterKey}|{cursor?.ToParameter()}|{pageSize}";
        if (key == loadedKey) return;
        loadedKey = key;
        // The first response is prerendered HTML: rows only, so that they show at once; the live circuit counts.
        if (RendererInfo.IsInteractive && filterKey != countedKey)
        {
            countedKey = filterKey;
            _ = CountAsync(filter);
        }
        if (TakePrerendered(key) is { } restored)
        {
            (page, rows, loading, loadError) = (restored, restored.Rows, false, null);
            return;
        }
        await LoadPageAsync();
    }

    /// <summary>The rows the prerender read for this very view (URL and zone), once; null for any other view.</summary>
    private OrderPage? TakePrerendered(string key)
    {
        var taken = prerendered;
        prerendered = null;
        return taken is not null && taken.Key == key ? taken.Page : null;
    }

    private Task PersistRows()
    {
        if (page is not null && loadedKey is not null && loadError is null && !loading)
        {
            PersistentState.PersistAsJson(PrerenderedRowsKey, new PrerenderedRows(loadedKey, page));
        }
        return Task.CompletedTask;
    }

    private bool TryReadUrl(TimeZoneInfo zone, out string? error)
    {
        var query = new Dictionary<string, StringValues>(StringComparer.Ordinal)
        {
            ["status"] = Status, ["source"] = Source, ["offer"] = Offer, ["lander"] = Lander, ["currency"] = Currency,
            ["affiliate"] = Affiliate, ["from"] = From, ["to"] = To, ["amount_min"] = AmountMin,
            ["amount_max"] = AmountMax, ["sort"] = Sort, ["dir"] = Dir,
        };
        if (!OrderFilter.TryParse(query, out var parsed, out error)) return false;
        if (!OrderCursor.TryParse(After, Before, out cursor, out error)) return false;
        var size = PageSizes[0];
        if (Size is not null && (!int.TryParse(Size, out size) || !PageSizes.Contains(size)))
        {
            error = $"The page size \"{Size}\" is not one of {string.Join(", ", PageSizes)}.";
            return false;
        }
        (filter, pageSize) = (parsed with { Zone = zone }, size);
        return true;
    }

    private async Task LoadPageAsync()
    {
        var ct = Restart(ref pageLoad);
        loading = true;
        loadError = null;
        try
        {
            page = await Queries.PageAsync(filter, cursor, pageSize, ct);
            rows = page.Rows;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // Show the failure in the page instead of tearing the circuit down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Loading orders failed");
            loadError = "Orders could not be loaded: the database did not answer. Try again in a moment.";
            (page, rows) = (null, []);
        }
        loading = false;
    }

    private async Task CountAsync(OrderFilter counted)
    {
        var ct = Restart(ref countLoad);
        (total, totals, totalsError) = (null, null, null);
        try
        {
            total = await Queries.CountAsync(counted, ct);
            await InvokeAsync(StateHasChanged);
            // A capped count means at most ExactCountCap rows: cheap enough to add up at once.
            if (total is { Exact: true }) await LoadTotalsAsync(counted, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A newer filter replaced this one.
        }
#pragma warning disable CA1031 // The rows are already shown; a missing count must not break the page.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogWarning(ex, "Counting orders failed");
            totalsError = "The total could not be computed.";
            await InvokeAsync(StateHasChanged);
        }
    }

    private Task ComputeTotalsAsync() => LoadTotalsAsync(filter, Restart(ref countLoad));

    private async Task LoadTotalsAsync(OrderFilter summed, CancellationToken ct)
    {
        totalsLoading = true;
        totalsError = null;
        await InvokeAsync(StateHasChanged);
        try
        {
            totals = await Queries.TotalsAsync(summed, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // Totals are secondary: say so and keep the rows.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogWarning(ex, "Order totals failed");
            totalsError = "Totals could not be computed.";
        }
        totalsLoading = false;
        await InvokeAsync(StateHasChanged);
    }

    private void ApplyFilterAsync(OrderFilter changed) => NavigateTo(changed, null, pageSize);

    private void GoToAsync(OrderCursor? target) => NavigateTo(filter, target, pageSize);

    private void ChangePageSizeAsync(int size) => NavigateTo(filter, null, size);

    private void OpenOrder(TableRowClickEventArgs<OrderRow> args)
    {
        if (args.Item is not null) Navigation.NavigateTo($"/orders/{args.Item.Id}");
    }

    private void NavigateTo(OrderFilter target, OrderCursor? at, int size)
    {
        var parameters = target.ToQuery().ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal);
        parameters["after"] = null;
        parameters["before"] = null;
        if (at is not null)
        {
            var (name, value) = at.ToParameter();
            parameters[name] = value;
        }
        parameters["size"] = size == PageSizes[0] ? null : size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(parameters));
    }

    private static CancellationToken Restart(ref CancellationTokenSource? source)
    {
        source?.Cancel();
        source?.Dispose();
        source = new CancellationTokenSource();
        return source.Token;
    }

    private void CancelLoads()
    {
        pageLoad?.Cancel();
        countLoad?.Cancel();
    }

    public void Dispose()
    {
        persisting.Dispose();
        CancelLoads();
        pageLoad?.Dispose();
        countLoad?.Dispose();
    }

    /// <summary>A page of rows as the prerender read it, with the view it belongs to.</summary>
    private sealed record PrerenderedRows(string Key, OrderPage Page);
}
