using System.Globalization;
using Serp.Admin.Components.Shared.Charts;

namespace Serp.Admin.Features.Analytics;

/// <summary>Formatting and chart helpers shared by the sections of <c>/analytics</c>.</summary>
public static class Figures
{
    /// <summary>Minor units as the major units a chart axis shows (one currency per chart).</summary>
    public static decimal Major(long minor, string currency) =>
        minor / (decimal)Math.Pow(10, Domain.Money.Money.DecimalsOf(currency));

    public static string Percent(double? fraction) =>
        fraction is { } f ? f.ToString("0.0 %", CultureInfo.InvariantCulture) : "—";

    /// <summary>The change from the previous period in words, or null when there is nothing to compare with.</summary>
    public static string? Change(double current, double previous)
    {
        if (previous == 0) return current == 0 ? "no change" : null;
        var change = (current - previous) / Math.Abs(previous);
        return change.ToString("+0.0 %;-0.0 %;0.0 %", CultureInfo.InvariantCulture);
    }

    public static string BucketLabel(DateOnly start, Granularity granularity) => granularity switch
    {
        Granularity.Month => start.ToString("MMM yyyy", CultureInfo.InvariantCulture),
        Granularity.Week => "Week of " + start.ToString("MMM d", CultureInfo.InvariantCulture),
        _ => start.ToString("MMM d", CultureInfo.InvariantCulture),
    };

    public static IReadOnlyList<string> Categories(AnalyticsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return [.. view.Buckets.Select(b => BucketLabel(b, view.Filter.Granularity))];
    }

    public static ChartSeries Money(string name, IEnumerable<long> minor, string currency, bool dashed = false, ChartKind? kind = null) =>
        new(name, [.. minor.Select(m => (decimal?)Major(m, currency))], dashed, kind);

    /// <summary>
    /// The /orders link for a slice of this view: the same dates, source, currency, plus the slice's own filter.
    /// <c>tz=UTC</c>: /orders reads dates as midnights of the operator's zone unless told, and these periods are UTC days.
    /// </summary>
    public static string OrdersLink(AnalyticsView view, string parameter, string value)
    {
        ArgumentNullException.ThrowIfNull(view);
        var f = view.Filter;
        var query = new List<string>
        {
            $"from={f.From:yyyy-MM-dd}", $"to={f.To:yyyy-MM-dd}", $"currency={view.Currency}",
            $"{parameter}={Uri.EscapeDataString(value)}", "tz=UTC",
        };
        if (f.Source is not null) query.Add($"source={f.Source}");
        if (f.Offer is not null && parameter != "offer") query.Add($"offer={Uri.EscapeDataString(f.Offer)}");
        return "/orders?" + string.Join('&', query);
    }
}
