using Microsoft.AspNetCore.Components;
using Npgsql;
using Serp.Domain.Catalog;

namespace Serp.Admin.Features.Analytics;

/// <summary>
/// <c>/analytics</c>: everything follows from the URL (see <see cref="AnalyticsFilter"/>); the controls only navigate.
/// One load is <see cref="AnalyticsLoad"/>: the rollup queries of <see cref="AnalyticsQueries"/> and those of
/// <see cref="CustomerQueries"/> at once; the figures show as soon as they come, the Customers section when it does.
/// </summary>
public sealed partial class AnalyticsPage : IDisposable
{
    // Set by OnParametersSetAsync before the first render.
    private AnalyticsFilter filter = default!;
    private AnalyticsView? view;
    private CustomerFigures? customers;
    private string? customersError;
    private string? parseError;
    private string? loadError;
    private string? loadedKey;
    private DateOnly today;
    private CancellationTokenSource? load;

    [Inject] private AnalyticsQueries Queries { get; set; } = default!;
    [Inject] private CustomerQueries CustomerQueries { get; set; } = default!;
    [Inject] private OfferCatalog Catalog { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<AnalyticsPage> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "granularity")] public string? GranularityName { get; set; }
    [SupplyParameterFromQuery(Name = "compare")] public string? CompareValue { get; set; }
    [SupplyParameterFromQuery(Name = "currency")] public string? Currency { get; set; }
    [SupplyParameterFromQuery(Name = "source")] public string? Source { get; set; }
    [SupplyParameterFromQuery(Name = "offer")] public string? Offer { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "dir")] public string? Dir { get; set; }

    private IReadOnlyList<string> OfferIds => [.. Catalog.Offers.Select(o => o.OfferId).Order(StringComparer.Ordinal)];

    protected override async Task OnParametersSetAsync()
    {
        today = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        var query = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["from"] = From, ["to"] = To, ["granularity"] = GranularityName, ["compare"] = CompareValue,
            ["currency"] = Currency, ["source"] = Source, ["offer"] = Offer, ["sort"] = Sort, ["dir"] = Dir,
        };
        if (!AnalyticsFilter.TryParse(query, today, out filter, out parseError))
        {
            view = null;
            loadedKey = null;
            return;
        }
        // A new sort of the product table re-orders its rows; it loads nothing.
        var key = filter.Figures.ToQueryString();
        if (key == loadedKey) return;
        loadedKey = key;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        load?.Cancel();
        load?.Dispose();
        load = new CancellationTokenSource();
        var ct = load.Token;
        (loadError, view, customers, customersError) = (null, null, null, null);
        var (figuresTask, customersTask) = AnalyticsLoad.Start(Queries, CustomerQueries, filter, ct);
        try
        {
            view = await figuresTask;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A newer filter replaced this load.
            return;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            Logger.LogWarning(ex, "Analytics could not be loaded");
            loadError = Problem(ex);
            return;
        }
        finally
        {
            // The Customers section's statements ran beside the figures': when the figures failed or were replaced,
            // their outcome is not shown (and so not left unobserved).
            if (view is null) _ = customersTask.ContinueWith(t => t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        if (view.IsEmpty) return;
        StateHasChanged();
        try
        {
            customers = await customersTask;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // As above.
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            Logger.LogWarning(ex, "Customer analytics could not be loaded");
            customersError = Problem(ex);
        }
    }

    private static string Problem(Exception ex) => ex is NpgsqlException or TimeoutException
        ? "the database did not answer. It may be busy or unreachable."
        : "an unexpected error occurred. It was logged.";

    private Task ReloadAsync() => LoadAsync();

    private string Filters() =>
        (filter.Source is null ? "" : $" from {filter.Source}") + (filter.Offer is null ? "" : $" for {Catalog.DisplayName(filter.Offer)}");

    public void Dispose()
    {
        load?.Cancel();
        load?.Dispose();
    }
}
