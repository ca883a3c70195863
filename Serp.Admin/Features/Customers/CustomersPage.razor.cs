using Microsoft.AspNetCore.Components;

namespace Serp.Admin.Features.Customers;

/// <summary>
/// The customer list. Currency, search and sort live in the URL (<c>?currency=eur&amp;q=ann&amp;sort=last</c>), so a link
/// reproduces the view; the page position does not (keyset cursors are not worth sharing).
/// </summary>
public sealed partial class CustomersPage
{
    public const int PageSize = 50;
    private const string LastPurchaseSort = "last";

    private IReadOnlyList<string> currencies = [];
    private IReadOnlyList<CustomerListRow> rows = [];
    private string? currency;
    private string? search;
    private CustomerSort sort = CustomerSort.NetSpend;
    // Keyset paging: where this page started (null = the first page), the starts of the pages before it, and the next one.
    private CustomerCursor? current;
    private readonly Stack<CustomerCursor?> previous = new();
    private CustomerCursor? next;
    private bool loading = true;
    private string? loadError;
    private bool currenciesLoaded;
    private (string? Currency, string? Search, CustomerSort Sort)? loadedView;

    [Inject] private CustomerListQueries Queries { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<CustomersPage> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "currency")] public string? CurrencyParameter { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? SearchParameter { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? SortParameter { get; set; }

    protected override async Task OnInitializedAsync()
    {
        try
        {
            currencies = await Queries.CurrenciesAsync(CancellationToken.None);
            currenciesLoaded = true;
        }
#pragma warning disable CA1031 // Say it on the page; the circuit stays up.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Loading the customer currencies failed");
            loadError = "Customers could not be loaded: the database did not answer. Try again in a moment.";
            loading = false;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (!currenciesLoaded) return;
        var wanted = CurrencyParameter?.Trim().ToLowerInvariant();
        currency = wanted is not null && currencies.Contains(wanted) ? wanted
            : currencies.Contains("usd") ? "usd" : currencies.Count > 0 ? currencies[0] : null;
        search = string.IsNullOrWhiteSpace(SearchParameter) ? null : SearchParameter.Trim();
        sort = SortParameter == LastPurchaseSort ? CustomerSort.LastPurchase : CustomerSort.NetSpend;
        // A re-render of the layout (dark mode, say) sets the parameters again: keep the page the operator is on.
        if (loadedView == (currency, search, sort)) return;
        loadedView = (currency, search, sort);
        previous.Clear();
        await LoadAsync(null);
    }

    private void OnSearch(string value) => Show(currency, value, sort, replace: true);

    private void OnSearchCleared() => Show(currency, null, sort, replace: true);

    private void OnCurrencyChanged(string value) => Show(value, search, sort, replace: false);

    private void OnSortChanged(CustomerSort value) => Show(currency, search, value, replace: false);

    /// <summary>Puts the view in the URL; the navigation sets the parameters, which load the first page.</summary>
    private void Show(string? newCurrency, string? newSearch, CustomerSort newSort, bool replace)
    {
        var uri = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["currency"] = newCurrency,
            ["q"] = string.IsNullOrWhiteSpace(newSearch) ? null : newSearch.Trim(),
            ["sort"] = newSort == CustomerSort.LastPurchase ? LastPurchaseSort : null,
        });
        // Typing a search replaces the history entry: Back should not step through every pause in typing.
        Navigation.NavigateTo(uri, replace: replace);
    }

    private async Task NextAsync()
    {
        if (next is null) return;
        previous.Push(current);
        await LoadAsync(next);
    }

    private async Task PreviousAsync()
    {
        if (previous.Count == 0) return;
        await LoadAsync(previous.Pop());
    }

    private async Task LoadAsync(CustomerCursor? after)
    {
        loadError = null;
        if (currency is null)
        {
            (rows, next, loading) = ([], null, false);
            return;
        }
        loading = true;
        try
        {
            var page = await Queries.ListAsync(new CustomerListQuery(currency, search, sort, after, PageSize), CancellationToken.None);
            (rows, next, current) = (page.Rows, page.Next, after);
        }
#pragma warning disable CA1031 // Say it on the page; the circuit stays up.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Loading customers failed");
            loadError = "Customers could not be loaded: the database did not answer. Try again in a moment.";
        }
        finally
        {
            loading = false;
        }
    }
}
