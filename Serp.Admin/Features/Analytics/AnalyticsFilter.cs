using System.Globalization;
using Microsoft.Extensions.Primitives;
using Serp.Domain.Orders;

namespace Serp.Admin.Features.Analytics;

public enum Granularity { Day, Week, Month }

/// <summary>
/// What <c>/analytics</c> shows, from its URL: <c>from</c>, <c>to</c> (UTC days, <c>to</c> exclusive),
/// <c>granularity</c> (day | week | month), <c>compare</c> (the period just before, as long), <c>currency</c> (one at a
/// time: amounts are never summed across currencies), <c>source</c> (stripe | paypal), <c>offer</c>, and the product
/// table's <c>sort</c> (<see cref="ProductSorts"/>) and <c>dir</c> (desc | asc).
/// </summary>
public sealed record AnalyticsFilter
{
    public const int MaxDays = 3 * 366;
    private const string DateFormat = "yyyy-MM-dd";

    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public Granularity Granularity { get; init; } = Granularity.Day;
    public bool Compare { get; init; } = true;
    /// <summary>Lower-case ISO code; null until the page picks the busiest currency of the period.</summary>
    public string? Currency { get; init; }
    public string? Source { get; init; }
    public string? Offer { get; init; }
    /// <summary>The product table's column (<see cref="ProductSorts"/>); it orders rows, it changes no figure.</summary>
    public string Sort { get; init; } = DefaultSort;
    public bool Descending { get; init; } = true;

    public const string DefaultSort = "gross";

    /// <summary>The product table's sortable columns, as <c>sort</c> names them.</summary>
    public static IReadOnlyList<string> ProductSorts { get; } =
        ["offer", "orders", "gross", "refunds", "refunded", "refund_rate", "disputes", "dispute_rate", "net", "aov", "share"];

    /// <summary>What the figures depend on: this filter with the table's sort left at its default.</summary>
    public AnalyticsFilter Figures => this with { Sort = DefaultSort, Descending = true };

    public int Days => To.DayNumber - From.DayNumber;

    /// <summary>The period of the same length just before this one.</summary>
    public AnalyticsFilter Previous => this with { From = From.AddDays(-Days), To = From };

    /// <summary>The last 30 UTC days up to and including today.</summary>
    public static AnalyticsFilter LastDays(DateOnly today, int days) => new() { From = today.AddDays(1 - days), To = today.AddDays(1) };

    /// <summary>
    /// Reads the parameters; a missing date range means the last 30 days. On any bad value <paramref name="error"/>
    /// names it and nothing is shown (a half-applied filter would show figures nobody asked for).
    /// </summary>
    public static bool TryParse(IEnumerable<KeyValuePair<string, StringValues>> query, DateOnly today,
        out AnalyticsFilter filter, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = query.ToDictionary(p => p.Key, p => p.Value.ToString().Trim(), StringComparer.Ordinal);
        string? Value(string name) => values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        var errors = new List<string>();
        var fallback = LastDays(today, 30);
        var from = Date(Value("from"), "from", errors) ?? fallback.From;
        var to = Date(Value("to"), "to", errors) ?? (Value("from") is null ? fallback.To : from.AddDays(30));
        if (to <= from) errors.Add("to must be after from (to is exclusive)");
        else if (to.DayNumber - from.DayNumber > MaxDays) errors.Add($"the range is longer than {MaxDays} days");
        var granularity = Value("granularity") switch
        {
            null or "day" => Granularity.Day,
            "week" => Granularity.Week,
            "month" => Granularity.Month,
            var other => Invalid(errors, $"granularity \"{other}\" is not day, week or month", Granularity.Day),
        };
        var compare = Value("compare") switch
        {
            null or "true" or "1" => true,
            "false" or "0" => false,
            var other => Invalid(errors, $"compare \"{other}\" is not true or false", true),
        };
        var currency = Value("currency")?.ToLowerInvariant();
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterLower)))
            errors.Add($"currency \"{currency}\" is not a three-letter ISO code");
        var source = Value("source");
        if (source is not null && source is not (PaymentSource.Stripe or PaymentSource.PayPal))
            errors.Add($"source \"{source}\" is not stripe or paypal");
        var offer = Value("offer");
        if (offer is { Length: > 200 }) errors.Add("offer is longer than 200 characters");
        var sort = Value("sort") ?? DefaultSort;
        if (!ProductSorts.Contains(sort)) errors.Add($"sort \"{sort}\" is not one of {string.Join(", ", ProductSorts)}");
        var descending = Value("dir") switch
        {
            null or "desc" => true,
            "asc" => false,
            var other => Invalid(errors, $"dir \"{other}\" is not desc or asc", true),
        };

        error = errors.Count == 0 ? null : string.Join("; ", errors);
        filter = error is null
            ? new AnalyticsFilter
            {
                From = from, To = to, Granularity = granularity, Compare = compare, Currency = currency, Source = source, Offer = offer,
                Sort = sort, Descending = descending,
            }
            : fallback;
        return error is null;
    }

    /// <summary>The URL query of this filter (the page keeps its state there).</summary>
    public string ToQueryString()
    {
        var parts = new List<string>
        {
            $"from={From.ToString(DateFormat, CultureInfo.InvariantCulture)}",
            $"to={To.ToString(DateFormat, CultureInfo.InvariantCulture)}",
        };
        if (Granularity != Granularity.Day) parts.Add($"granularity={Granularity.ToString().ToLowerInvariant()}");
        if (!Compare) parts.Add("compare=false");
        if (Currency is not null) parts.Add($"currency={Currency}");
        if (Source is not null) parts.Add($"source={Source}");
        if (Offer is not null) parts.Add($"offer={Uri.EscapeDataString(Offer)}");
        if (Sort != DefaultSort) parts.Add($"sort={Sort}");
        if (!Descending) parts.Add("dir=asc");
        return string.Join('&', parts);
    }

    internal static DateOnly? Date(string? raw, string name, List<string> errors)
    {
        if (raw is null) return null;
        if (DateOnly.TryParseExact(raw, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add($"{name} \"{raw}\" is not a date (YYYY-MM-DD)");
        return null;
    }

    private static T Invalid<T>(List<string> errors, string message, T fallback)
    {
        errors.Add(message);
        return fallback;
    }
}
