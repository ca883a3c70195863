namespace Serp.Admin.Features.Orders;

/// <summary>The date presets of the filter bar: whole days of the operator's zone ending today, <c>to</c> exclusive.</summary>
public static class DatePreset
{
    public const string Any = "any";
    public const string Custom = "custom";

    public static IReadOnlyList<(string Value, string Label)> All { get; } =
    [
        (Any, "Any time"), ("1", "Today"), ("7", "Last 7 days"), ("30", "Last 30 days"), ("90", "Last 90 days"), (Custom, "Custom range"),
    ];

    public static DateOnly Today(TimeProvider time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
    }

    /// <summary>The (from, to) of a day-count preset; null for any time.</summary>
    public static (DateOnly From, DateOnly To)? Range(string preset, DateOnly today) =>
        int.TryParse(preset, out var days) ? (today.AddDays(1 - days), today.AddDays(1)) : null;

    /// <summary>Which preset a filter's dates are, so that a link opened later shows "Custom range" when they no longer are.</summary>
    public static string Of(DateOnly? from, DateOnly? to, DateOnly today)
    {
        if (from is null && to is null) return Any;
        foreach (var (value, _) in All)
        {
            if (Range(value, today) is { } range && range.From == from && range.To == to) return value;
        }
        return Custom;
    }
}
