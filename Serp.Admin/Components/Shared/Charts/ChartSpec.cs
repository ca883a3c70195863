using System.Text.Json.Serialization;

namespace Serp.Admin.Components.Shared.Charts;

/// <summary>The kinds of chart the dashboard draws (ApexCharts' <c>chart.type</c>, lower-cased by the module).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChartKind>))]
public enum ChartKind
{
    Line,
    Area,
    Bar,
}

/// <summary>
/// One chart, as plain data: the JS module (wwwroot/js/charts.js) turns it into ApexCharts options, so no page writes
/// JavaScript option objects by hand. Values are plain numbers: money arrives in major units of
/// <see cref="Currency"/> (one currency per chart: amounts are never summed across currencies).
/// </summary>
public sealed record ChartSpec
{
    public required ChartKind Kind { get; init; }
    /// <summary>The x axis: one label per data point (a day, a week, a bucket, a product).</summary>
    public required IReadOnlyList<string> Categories { get; init; }
    public required IReadOnlyList<ChartSeries> Series { get; init; }
    /// <summary>Bars or areas on top of each other (revenue by product).</summary>
    public bool Stacked { get; init; }
    /// <summary>A tiny chart without axes or legend, for a table cell.</summary>
    public bool Sparkline { get; init; }
    /// <summary>Lower-case ISO code when the values are money (axis and tooltip format it); null for counts.</summary>
    public string? Currency { get; init; }
    /// <summary>The values are fractions shown as percentages.</summary>
    public bool Percent { get; init; }
    public int Height { get; init; } = 300;
    /// <summary>Horizontal bars (a ranking such as the top failure codes).</summary>
    public bool Horizontal { get; init; }
}

/// <summary>One series: its name and one value per category (null = no point).</summary>
/// <param name="Dashed">Drawn dashed: the comparison period.</param>
/// <param name="Kind">A different kind than the chart's, for a mixed chart (a line over bars); null = the chart's.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Data, bool Dashed = false, ChartKind? Kind = null);
