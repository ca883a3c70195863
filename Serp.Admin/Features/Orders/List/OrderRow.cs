namespace Serp.Admin.Features.Orders;

public sealed record OrderRow(
    Guid Id,
    DateTimeOffset CreatedAt,
    string? CustomerName,
    string? CustomerEmail,
    string? OfferId,
    Domain.Money.Money Amount,
    long AmountRefunded,
    string PaymentStatus,
    string Source);

/// <summary>How many orders match: exact up to <see cref="OrderQueries.ExactCountCap"/>, else the planner's estimate.</summary>
public readonly record struct OrderTotal(long Value, bool Exact);

/// <summary>
/// One page of the list. <see cref="Previous"/> leads toward the first page of the sort order (newer, for the
/// default newest-first), <see cref="Next"/> toward its end; null where there is nothing more.
/// </summary>
public sealed record OrderPage(IReadOnlyList<OrderRow> Rows, OrderCursor? Previous, OrderCursor? Next);

/// <summary><see cref="OrderPage"/> with its total, as one call (the benchmark's and the tests' view).</summary>
public sealed record OrderList(IReadOnlyList<OrderRow> Rows, OrderCursor? Previous, OrderCursor? Next, OrderTotal Total);

/// <summary>One currency's share of the filtered set; amounts in its minor units, never summed across currencies.</summary>
public sealed record CurrencyTotals(string Currency, long Orders, long Gross, long Refunded)
{
    public long Net => Gross - Refunded;
}
