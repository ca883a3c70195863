using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using Serp.Domain.Orders;

namespace Serp.Admin.Features.Orders;

public enum OrderSort { CreatedAt, Amount }

/// <summary>
/// The filter and sort of <c>/orders</c> and <c>GET /orders/export.csv</c>, parsed from the URL query in one place.
/// Parameter names are contract: status, source, offer, lander, currency, affiliate, from, to (dates, <c>to</c>
/// exclusive, in <see cref="Zone"/>), amount_min, amount_max (minor units), sort, dir.
/// </summary>
public sealed partial record OrderFilter
{
    public const int MaxTextLength = 200;
    private const string DateFormat = "yyyy-MM-dd";

    public string? Status { get; init; }
    public string? Source { get; init; }
    public string? Offer { get; init; }
    public string? Lander { get; init; }
    public string? Currency { get; init; }
    public string? Affiliate { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public long? AmountMin { get; init; }
    public long? AmountMax { get; init; }
    public OrderSort Sort { get; init; } = OrderSort.CreatedAt;
    public bool Descending { get; init; } = true;
    /// <summary>The zone whose midnights <see cref="From"/> and <see cref="To"/> mean (the operator's; not in the URL).</summary>
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

    public static OrderFilter Default { get; } = new();

    /// <summary>True when no filter narrows the set (sort and direction aside).</summary>
    public bool IsUnfiltered => this with { Sort = OrderSort.CreatedAt, Descending = true, Zone = TimeZoneInfo.Utc } == Default;

    public DateTimeOffset? FromUtc => From is { } d ? StartOfDay(d) : null;
    public DateTimeOffset? ToUtc => To is { } d ? StartOfDay(d) : null;

    /// <summary>
    /// Reads the contract parameters; unknown parameters (paging, <c>tz</c>) are left to the caller. On any invalid
    /// value <paramref name="error"/> names every bad parameter and <paramref name="filter"/> is the default:
    /// a half-applied filter would show rows the operator did not ask for.
    /// </summary>
    public static bool TryParse(IEnumerable<KeyValuePair<string, StringValues>> query, out OrderFilter filter, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var errors = new List<string>();
        string? Text(string name)
        {
            if (!values.TryGetValue(name, out var raw) || string.IsNullOrWhiteSpace(raw)) return null;
            raw = raw.Trim();
            if (raw.Length <= MaxTextLength) return raw;
            errors.Add($"{name} is longer than {MaxTextLength} characters");
            return null;
        }

        var status = Text("status");
        if (status is not null && !PaymentStatus.All.Contains(status))
            errors.Add($"status \"{status}\" is not one of {string.Join(", ", PaymentStatus.All)}");
        var source = Text("source");
        if (source is not null && source is not (PaymentSource.Stripe or PaymentSource.PayPal))
            errors.Add($"source \"{source}\" is not stripe or paypal");
        var currency = Text("currency")?.ToLowerInvariant();
        if (currency is not null && !CurrencyCode().IsMatch(currency))
            errors.Add($"currency \"{currency}\" is not a three-letter ISO code");
        var from = Date(Text("from"), "from", errors);
        var to = Date(Text("to"), "to", errors);
        if (from is not null && to is not null && to <= from) errors.Add("to must be after from (to is exclusive)");
        var min = Amount(Text("amount_min"), "amount_min", errors);
        var max = Amount(Text("amount_max"), "amount_max", errors);
        if (min is not null && max is not null && max < min) errors.Add("amount_max is below amount_min");
        var sort = Text("sort") switch
        {
            null or "created_at" => OrderSort.CreatedAt,
            "amount" => OrderSort.Amount,
            var other => Invalid(errors, $"sort \"{other}\" is not created_at or amount", OrderSort.CreatedAt),
        };
        var descending = Text("dir") switch
        {
            null or "desc" => true,
            "asc" => false,
            var other => Invalid(errors, $"dir \"{other}\" is not desc or asc", true),
        };

        if (errors.Count > 0)
        {
            filter = Default;
            error = "This link's filter is not valid: " + string.Join("; ", errors) + ".";
            return false;
        }
        filter = new OrderFilter
        {
            Status = status, Source = source, Offer = Text("offer"), Lander = Text("lander"), Currency = currency,
            Affiliate = Text("affiliate"), From = from, To = to, AmountMin = min, AmountMax = max, Sort = sort,
            Descending = descending,
        };
        error = null;
        return true;
    }

    /// <summary>The contract parameters of this filter (defaults left out), for links, saved views and the export.</summary>
    public IReadOnlyDictionary<string, string?> ToQuery() => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["status"] = Status,
        ["source"] = Source,
        ["offer"] = Offer,
        ["lander"] = Lander,
        ["currency"] = Currency,
        ["affiliate"] = Affiliate,
        ["from"] = From?.ToString(DateFormat, CultureInfo.InvariantCulture),
        ["to"] = To?.ToString(DateFormat, CultureInfo.InvariantCulture),
        ["amount_min"] = AmountMin?.ToString(CultureInfo.InvariantCulture),
        ["amount_max"] = AmountMax?.ToString(CultureInfo.InvariantCulture),
        ["sort"] = Sort == OrderSort.Amount ? "amount" : null,
        ["dir"] = Descending ? null : "asc",
    };

    /// <summary>The query string of <see cref="ToQuery"/> without the leading <c>?</c>.</summary>
    public string ToQueryString() => string.Join("&", ToQuery()
        .Where(p => p.Value is not null)
        .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    private DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A zone that skips midnight (DST at 00:00) starts that day at the first valid minute.
        while (Zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
    }

    private static DateOnly? Date(string? raw, string name, List<string> errors)
    {
        if (raw is null) return null;
        if (DateOnly.TryParseExact(raw, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add($"{name} \"{raw}\" is not a date like 2026-12-01");
        return null;
    }

    private static long? Amount(string? raw, string name, List<string> errors)
    {
        if (raw is null) return null;
        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var amount)) return amount;
        errors.Add($"{name} \"{raw}\" is not a whole number of minor units (cents) at or above 0");
        return null;
    }

    private static T Invalid<T>(List<string> errors, string message, T fallback)
    {
        errors.Add(message);
        return fallback;
    }

    [GeneratedRegex("^[a-z]{3}$")]
    private static partial Regex CurrencyCode();
}
