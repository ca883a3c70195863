using Microsoft.EntityFrameworkCore;
using Serp.Domain.Customers;
using Serp.Domain.Data;
using Serp.Domain.Disputes;
using Serp.Domain.Money;

namespace Serp.Admin.Features.Customers;

/// <summary>
/// One customer's story by email: orders through <c>lower(customer_email)</c> (ix_orders_email_lower_prefix), the
/// rest through the order ids or the exact emails the orders carry. Lifetime value is aggregated over every order,
/// the lists show the newest <see cref="MaxRows"/>.
/// </summary>
public sealed class CustomerQueries(IDbContextFactory<SerpDbContext> dbFactory)
{
    public const int MaxRows = 500;

    public async Task<CustomerDetail?> GetAsync(string email, CancellationToken ct)
    {
        var key = email is null ? null : CustomerEmail.Key(email);
        if (string.IsNullOrEmpty(key)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Raw SQL so the predicate reads exactly as ix_orders_email_lower_prefix is written.
        var mine = db.Orders.FromSql($"SELECT * FROM orders WHERE lower(customer_email) = {key}").AsNoTracking();

        var totals = await mine.GroupBy(o => o.Currency).Select(g => new
        {
            Currency = g.Key,
            All = g.Count(),
            Paid = g.Count(o => o.PaidAt != null),
            Gross = g.Sum(o => o.PaidAt != null ? o.AmountTotal : 0),
            Refunded = g.Sum(o => o.PaidAt != null ? o.AmountRefunded : 0),
            First = g.Where(o => o.PaidAt != null).Min(o => (DateTimeOffset?)o.CreatedAt),
            Last = g.Where(o => o.PaidAt != null).Max(o => (DateTimeOffset?)o.CreatedAt),
        }).ToListAsync(ct);

        var orders = await mine.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(MaxRows)
            .Select(o => new { o.Id, o.CreatedAt, o.OfferId, o.AmountTotal, o.Currency, o.AmountRefunded, o.PaymentStatus, o.Source, o.CustomerEmail, o.CustomerName })
            .ToListAsync(ct);
        Guid?[] orderIds = [.. orders.Select(o => (Guid?)o.Id)];
        Guid[] licensedIds = [.. orders.Select(o => o.Id)];
        // Sessions have no lower(email) index: ask for the exact spellings the orders used, plus the lower-case one.
        string[] spellings = [.. orders.Select(o => o.CustomerEmail!).Append(key).Distinct(StringComparer.Ordinal)];

        var sessions = await db.CheckoutSessions.AsNoTracking().Where(s => spellings.Contains(s.CustomerEmail!))
            .OrderByDescending(s => s.CreatedAt).Take(MaxRows)
            .Select(s => new CustomerSessionRow(s.Id, s.StripeSessionId, s.OfferId, s.Status, s.Source, s.CreatedAt))
            .ToListAsync(ct);
        if (totals.Count == 0 && sessions.Count == 0) return null;
        var refunds = await db.Refunds.AsNoTracking().Where(r => orderIds.Contains(r.OrderId))
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => new CustomerRefundRow(r.OrderId, r.ProviderRefundId, new Money(r.Amount, r.Currency), r.Status, r.Reason, r.RequestedBy, r.CreatedAt))
            .ToListAsync(ct);
        var disputes = await db.Disputes.AsNoTracking().Where(d => orderIds.Contains(d.OrderId))
            .OrderByDescending(d => d.CreatedAt)
            .Select(d => new CustomerDisputeRow(d.OrderId, d.ProviderDisputeId, new Money(d.Amount, d.Currency), d.Status, d.Reason, d.EvidenceDueBy, d.CreatedAt, d.ClosedAt))
            .ToListAsync(ct);
        var licenses = await db.Licenses.AsNoTracking().Where(l => licensedIds.Contains(l.OrderId))
            .OrderByDescending(l => l.IssuedAt)
            .Select(l => new CustomerLicenseRow(l.OrderId, l.ProductId, l.Key, l.Status, l.IssuedAt, l.RevokedAt))
            .ToListAsync(ct);

        var lost = disputes.Where(d => d.Status == DisputeStatus.Lost)
            .GroupBy(d => d.Amount.Currency, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(d => d.Amount.MinorUnits), StringComparer.Ordinal);
        var value = totals.Where(t => t.Paid > 0).OrderByDescending(t => t.Gross).ThenBy(t => t.Currency, StringComparer.Ordinal)
            .Select(t => new LifetimeValue(t.Currency, t.Paid, t.Gross, t.Refunded, lost.GetValueOrDefault(t.Currency)))
            .ToList();
        return new CustomerDetail(
            key,
            orders.Select(o => o.CustomerName).FirstOrDefault(n => n is not null),
            totals.Sum(t => t.All),
            totals.Count == 0 ? null : totals.Min(t => t.First),
            totals.Count == 0 ? null : totals.Max(t => t.Last),
            value,
            [.. orders.Select(o => new CustomerOrderRow(o.Id, o.CreatedAt, o.OfferId, new Money(o.AmountTotal, o.Currency), o.AmountRefunded, o.PaymentStatus, o.Source))],
            sessions, refunds, disputes, licenses);
    }
}
