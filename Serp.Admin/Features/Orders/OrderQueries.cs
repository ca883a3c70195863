using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;

namespace Serp.Admin.Features.Orders;

public sealed record OrderFilter(string? Status = null, string? Source = null);

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

public sealed record OrderPage(IReadOnlyList<OrderRow> Rows, int Total);

/// <summary>The Orders page's reads: projections, no tracking, newest first on the (created_at, id) index.</summary>
public sealed class OrderQueries(IDbContextFactory<SerpDbContext> dbFactory)
{
    public const int MaxPageSize = 200;

    public async Task<OrderPage> ListAsync(OrderFilter filter, int page, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        pageSize = Math.Min(pageSize, MaxPageSize);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Orders.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.Status)) query = query.Where(o => o.PaymentStatus == filter.Status);
        if (!string.IsNullOrEmpty(filter.Source)) query = query.Where(o => o.Source == filter.Source);

        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Skip(page * pageSize).Take(pageSize)
            .Select(o => new OrderRow(o.Id, o.CreatedAt, o.CustomerName, o.CustomerEmail, o.OfferId,
                new Domain.Money.Money(o.AmountTotal, o.Currency), o.AmountRefunded, o.PaymentStatus, o.Source))
            .ToListAsync(ct);
        return new OrderPage(rows, total);
    }
}
