using System.Globalization;

namespace Serp.Admin.Features.Orders;

/// <summary>
/// Where a page of the keyset-paged list starts: after or before a row (its sort key and id), or the last page
/// (<see cref="Last"/>). In the URL as <c>after=KEY.ID</c>, <c>before=KEY.ID</c> or <c>before=end</c>, where KEY is
/// the amount in minor units or created_at in microseconds since 1970 (PostgreSQL's precision), so a deep page is a link.
/// </summary>
public sealed record OrderCursor(bool Before, long Key, Guid Id)
{
    public static OrderCursor Last { get; } = new(true, long.MaxValue, Guid.Empty);

    public bool IsLast => this == Last;

    public static OrderCursor After(OrderRow row, OrderSort sort) => new(false, KeyOf(row, sort), row.Id);

    public static OrderCursor BeforeRow(OrderRow row, OrderSort sort) => new(true, KeyOf(row, sort), row.Id);

    public static long KeyOf(OrderRow row, OrderSort sort)
    {
        ArgumentNullException.ThrowIfNull(row);
        return sort == OrderSort.Amount ? row.Amount.MinorUnits : ToMicroseconds(row.CreatedAt);
    }

    public static long ToMicroseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicroseconds(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);

    /// <summary>The (name, value) of the URL parameter that carries this cursor.</summary>
    public (string Name, string Value) ToParameter() =>
        (Before ? "before" : "after", IsLast ? "end" : $"{Key.ToString(CultureInfo.InvariantCulture)}.{Id:N}");

    /// <summary>Reads <c>after</c> / <c>before</c>; both absent is the first page (null cursor, no error).</summary>
    public static bool TryParse(string? after, string? before, out OrderCursor? cursor, out string? error)
    {
        cursor = null;
        error = null;
        if (!string.IsNullOrEmpty(after) && !string.IsNullOrEmpty(before))
        {
            error = "A page link carries either after or before, not both.";
            return false;
        }
        var raw = string.IsNullOrEmpty(after) ? before : after;
        if (string.IsNullOrEmpty(raw)) return true;
        var isBefore = string.IsNullOrEmpty(after);
        if (isBefore && raw == "end")
        {
            cursor = Last;
            return true;
        }
        var dot = raw.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0
            && long.TryParse(raw.AsSpan(0, dot), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
            && Guid.TryParseExact(raw.AsSpan(dot + 1), "N", out var id)
            && key is > -62_135_596_800_000_000 and < 253_402_300_800_000_000)
        {
            cursor = new OrderCursor(isBefore, key, id);
            return true;
        }
        error = $"The page link's {(isBefore ? "before" : "after")} value \"{raw}\" is not a page position.";
        return false;
    }
}
