using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;
using Serp.Domain.Orders;

namespace Serp.Admin.Features.Orders;

/// <summary>
/// The reads of <c>/orders</c>: keyset pages (never OFFSET), a total that is exact when cheap and the planner's
/// estimate when not, and totals per currency. One short-lived context per call (docs/decisions/0009).
/// </summary>
/// <param name="exactCountCap">Counting stops here; beyond it the total is the planner's estimate ("about").</param>
public sealed class OrderQueries(IDbContextFactory<SerpDbContext> dbFactory, int exactCountCap = OrderQueries.ExactCountCap)
{
    public const int MaxPageSize = 200;
    public const int ExactCountCap = 10_000;

    /// <summary>Rows and total together (run side by side on two connections).</summary>
    public async Task<OrderList> ListAsync(OrderFilter filter, OrderCursor? cursor, int pageSize, CancellationToken ct)
    {
        var page = PageAsync(filter, cursor, pageSize, ct);
        var total = CountAsync(filter, ct);
        await Task.WhenAll(page, total);
        return new OrderList((await page).Rows, (await page).Previous, (await page).Next, await total);
    }

    public async Task<OrderPage> PageAsync(OrderFilter filter, OrderCursor? cursor, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        pageSize = Math.Min(pageSize, MaxPageSize);

        // Reading "before" a row walks the sort order backwards from it; the page is reversed afterwards.
        var backwards = cursor?.Before == true;
        var readDescending = filter.Descending != backwards;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filtered(db.Orders.AsNoTracking(), filter);
        if (cursor is not null && !cursor.IsLast) query = Seek(query, filter.Sort, readDescending, cursor);
        var rows = await Ordered(query, filter.Sort, readDescending)
            .Take(pageSize + 1)
            .Select(o => new OrderRow(o.Id, o.CreatedAt, o.CustomerName, o.CustomerEmail, o.OfferId,
                new Domain.Money.Money(o.AmountTotal, o.Currency), o.AmountRefunded, o.PaymentStatus, o.Source))
            .ToListAsync(ct);

        var more = rows.Count > pageSize;
        if (more) rows.RemoveAt(rows.Count - 1);
        if (!backwards)
        {
            var previous = cursor is null || rows.Count == 0 ? null : OrderCursor.BeforeRow(rows[0], filter.Sort);
            return new OrderPage(rows, previous, more ? OrderCursor.After(rows[^1], filter.Sort) : null);
        }
        // Walking back reached the start: that is the first page, which shows a full page rather than the remainder.
        if (!more && !cursor!.IsLast) return await PageAsync(filter, null, pageSize, ct);
        rows.Reverse();
        var next = cursor!.IsLast || rows.Count == 0 ? null : OrderCursor.After(rows[^1], filter.Sort);
        return new OrderPage(rows, more ? OrderCursor.BeforeRow(rows[0], filter.Sort) : null, next);
    }

    /// <summary>
    /// Exact when at most <c>exactCountCap</c> orders match (a capped count stays cheap at any size); beyond
    /// that the planner's row estimate for the same filtered query, rounded to two significant digits.
    /// </summary>
    public async Task<OrderTotal> CountAsync(OrderFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var filtered = Filtered(db.Orders.AsNoTracking(), filter).Select(o => o.Id);
        await db.Database.OpenConnectionAsync(ct);

        await using (var capped = filtered.Take(exactCountCap + 1).CreateDbCommand())
        {
            capped.CommandText = $"SELECT count(*) FROM ({capped.CommandText}) AS capped";
            var count = (long)(await capped.ExecuteScalarAsync(ct))!;
            if (count <= exactCountCap) return new OrderTotal(count, true);
        }

        await using var explain = filtered.CreateDbCommand();
        explain.CommandText = "EXPLAIN (FORMAT JSON) " + explain.CommandText;
        var estimate = await PlannedRowsAsync(explain, ct);
        return new OrderTotal(RoundToTwoDigits(Math.Max(estimate, exactCountCap + 1L)), false);
    }

    /// <summary>
    /// Orders, gross (paid at some point: not pending or failed), refunded and net per currency of the filtered set.
    /// It reads every matching row, so the page runs it at once only when the total is exact (docs/decisions/0009).
    /// </summary>
    public async Task<IReadOnlyList<CurrencyTotals>> TotalsAsync(OrderFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filtered(db.Orders.AsNoTracking(), filter)
            .GroupBy(o => o.Currency)
            .OrderBy(g => g.Key)
            .Select(g => new CurrencyTotals(g.Key, g.LongCount(),
                g.Sum(o => o.PaymentStatus != PaymentStatus.Pending && o.PaymentStatus != PaymentStatus.Failed ? o.AmountTotal : 0L),
                g.Sum(o => o.AmountRefunded)))
            .ToListAsync(ct);
    }

    /// <summary>The filter as SQL conditions; the export and the totals share it with the pages.</summary>
    public static IQueryable<Order> Filtered(IQueryable<Order> orders, OrderFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Status is { } status) orders = orders.Where(o => o.PaymentStatus == status);
        if (filter.Source is { } source) orders = orders.Where(o => o.Source == source);
        if (filter.Offer is { } offer) orders = orders.Where(o => o.OfferId == offer);
        if (filter.Lander is { } lander) orders = orders.Where(o => o.LanderId == lander);
        if (filter.Currency is { } currency) orders = orders.Where(o => o.Currency == currency);
        if (filter.Affiliate is { } affiliate) orders = orders.Where(o => o.AffiliateId == affiliate);
        if (filter.FromUtc is { } from) orders = orders.Where(o => o.CreatedAt >= from);
        if (filter.ToUtc is { } to) orders = orders.Where(o => o.CreatedAt < to);
        if (filter.AmountMin is { } min) orders = orders.Where(o => o.AmountTotal >= min);
        if (filter.AmountMax is { } max) orders = orders.Where(o => o.AmountTotal <= max);
        return orders;
    }

    /// <summary>The filtered set in the filter's sort order, for the export.</summary>
    public static IQueryable<Order> Sorted(IQueryable<Order> orders, OrderFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Ordered(Filtered(orders, filter), filter.Sort, filter.Descending);
    }

    // Row values, so that PostgreSQL applies the seek as an index condition (docs/decisions/0008).
    private static IQueryable<Order> Seek(IQueryable<Order> query, OrderSort sort, bool descending, OrderCursor cursor)
    {
        var id = cursor.Id;
        if (sort == OrderSort.Amount)
        {
            var amount = cursor.Key;
            return descending
                ? query.Where(o => EF.Functions.LessThan(ValueTuple.Create(o.AmountTotal, o.Id), ValueTuple.Create(amount, id)))
                : query.Where(o => EF.Functions.GreaterThan(ValueTuple.Create(o.AmountTotal, o.Id), ValueTuple.Create(amount, id)));
        }
        var at = OrderCursor.FromMicroseconds(cursor.Key);
        return descending
            ? query.Where(o => EF.Functions.LessThan(ValueTuple.Create(o.CreatedAt, o.Id), ValueTuple.Create(at, id)))
            : query.Where(o => EF.Functions.GreaterThan(ValueTuple.Create(o.CreatedAt, o.Id), ValueTuple.Create(at, id)));
    }

    private static IOrderedQueryable<Order> Ordered(IQueryable<Order> query, OrderSort sort, bool descending) =>
        (sort, descending) switch
        {
            (OrderSort.Amount, true) => query.OrderByDescending(o => o.AmountTotal).ThenByDescending(o => o.Id),
            (OrderSort.Amount, false) => query.OrderBy(o => o.AmountTotal).ThenBy(o => o.Id),
            (_, true) => query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id),
            _ => query.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id),
        };

    private static async Task<long> PlannedRowsAsync(DbCommand explain, CancellationToken ct)
    {
        var json = (string)(await explain.ExecuteScalarAsync(ct))!;
        using var plan = JsonDocument.Parse(json);
        return (long)plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }

    private static long RoundToTwoDigits(long value)
    {
        var scale = 1L;
        while (value / scale >= 100) scale *= 10;
        return (long)Math.Round((double)value / scale, MidpointRounding.AwayFromZero) * scale;
    }
}
