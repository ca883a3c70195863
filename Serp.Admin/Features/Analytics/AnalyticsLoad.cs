namespace Serp.Admin.Features.Analytics;

/// <summary>
/// One load of <c>/analytics</c> as the page runs it: the currencies first (the Customers section needs the chosen
/// one), then the figures' statements and the Customers section's at once, each on its own pooled connection
/// (docs/decisions/0029-analytics-statements-at-once.md). The bench times exactly this.
/// </summary>
public static class AnalyticsLoad
{
    /// <summary>Starts the load: the figures, and the Customers section (which the page shows when it comes).</summary>
    public static (Task<AnalyticsView> Figures, Task<CustomerFigures> Customers) Start(AnalyticsQueries figures,
        CustomerQueries customers, AnalyticsFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(filter);
        var currencies = figures.CurrenciesAsync(filter, ct);
        return (figures.LoadAsync(filter, currencies, ct), CustomersAsync());

        async Task<CustomerFigures> CustomersAsync() =>
            await customers.LoadAsync(filter, await AnalyticsQueries.CurrencyAsync(filter, currencies), ct);
    }
}
