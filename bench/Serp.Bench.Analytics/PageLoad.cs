using System.Text.Json;
using Serp.Admin.Features.Analytics;

namespace Serp.Bench.Analytics;

/// <summary>Everything one load of <c>/analytics</c> reads, as the page does it: the figures, then the Customers section.</summary>
internal sealed class PageLoad(AnalyticsDatabase database)
{
    public AnalyticsQueries Figures { get; } = new(database);
    public CustomerQueries Customers { get; } = new(database);

    public async Task<(AnalyticsView View, CustomerFigures Customers)> LoadAsync(AnalyticsFilter filter, CancellationToken ct)
    {
        var view = await Figures.LoadAsync(filter, ct);
        return (view, await Customers.LoadAsync(filter, view.Currency, ct));
    }

    /// <summary>The figures, not the filter (whose Previous period is itself a filter, without end).</summary>
    public static string Json((AnalyticsView View, CustomerFigures Customers) load) =>
        JsonSerializer.Serialize(load.View with { Filter = null! }) + JsonSerializer.Serialize(load.Customers);
}
