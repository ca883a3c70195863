using Microsoft.AspNetCore.Components;

namespace Serp.Admin.Features.Customers;

public sealed partial class CustomersPage
{
    public const int PageSize = 50;

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

    [Inject] private CustomerListQueries Queries { get; set; } = default!;
    [Inject] private ILogger<CustomersPage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            currencies = await Queries.CurrenciesAsync(CancellationToken.None);
            currency = currencies.Contains("usd") ? "usd" : currencies.Count > 0 ? currencies[0] : null;
        }
#pragma warning disable CA1031 // Say it on the page; the circuit stays up.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Loading the customer currencies failed");
            loadError = "Customers could not be loaded: the database did not answer. Try again in a moment.";
            loading = false;
            return;
        }
        await LoadAsync(null);
    }

    private Task SearchAsync() => RestartAsync();

    private Task CurrencyChangedAsync(string value)
    {
        currency = value;
        return RestartAsync();
    }

    private Task SortChangedAsync(CustomerSort value)
    {
        sort = value;
        return RestartAsync();
    }

    private Task RestartAsync()
    {
        previous.Clear();
        return LoadAsync(null);
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
