using System.Text.Json;
using Serp.Admin.Features.Analytics;

namespace Serp.Bench.Analytics;

/// <summary>Everything one load of <c>/analytics</c> reads, as the page does it (<see cref="AnalyticsLoad"/>): the figures and the Customers section.</summary>
internal sealed class PageLoad(AnalyticsDatabase database)
{
    public AnalyticsQueries Figures { get; } = new(database);
    public CustomerQueries Customers { get; } = new(database);

    public async Task<(AnalyticsView View, CustomerFigures Customers)> LoadAsync(AnalyticsFilter filter, CancellationToken ct)
    {
        var (figures, customers) = AnalyticsLoad.Start(Figures, Customers, filter, ct);
        return (await figures, await customers);
    }

    /// <summary>The figures, not the filter (whose Previous period is itself a filter, without end).</summary>
    public static string Json((AnalyticsView View, CustomerFigures Customers) load) =>
        JsonSerializer.Serialize(load.View with { Filter = null! }) + JsonSerializer.Serialize(load.Customers);
}
