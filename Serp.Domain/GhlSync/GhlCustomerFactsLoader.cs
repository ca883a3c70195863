using Microsoft.EntityFrameworkCore;
using Serp.Domain.Checkout;
using Serp.Domain.Customers;
using Serp.Domain.Data;
using Serp.Domain.Demo;
using Serp.Domain.Disputes;

namespace Serp.Domain.GhlSync;

/// <summary>
/// Reads what the database knows about one customer for <see cref="GhlDesiredState.Build"/>: orders and abandoned
/// checkouts through their <c>lower(customer_email)</c> indexes, licenses and disputes through the order ids. Four
/// short queries, no tracking.
/// </summary>
public static class GhlCustomerFactsLoader
{
    private const string DemoJson = $$"""{"{{DemoMarker.Key}}":"{{DemoMarker.Value}}"}""";

    /// <returns>The facts, or null when no order and no abandoned checkout carries the email.</returns>
    public static async Task<GhlCustomerFacts?> LoadAsync(SerpDbContext db, string email, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = CustomerEmail.Key(email);
        if (key.Length == 0) return null;

        // Raw SQL so that the predicates read exactly as the expression indexes are written.
        var orders = await db.Orders.FromSql($"SELECT * FROM orders WHERE lower(customer_email) = {key}").AsNoTracking()
            .Select(o => new
            {
                Fact = new GhlOrderFact(o.Id, o.OfferId, o.PaymentStatus, o.AmountTotal, o.AmountRefunded, o.Currency, o.CreatedAt, o.PaidAt, o.AffiliateId),
                o.CustomerName,
                Demo = o.Metadata != null && EF.Functions.JsonContains(o.Metadata, DemoJson),
            })
            .ToListAsync(ct);
        var abandoned = await db.CheckoutSessions
            .FromSql($"SELECT * FROM checkout_sessions WHERE lower(customer_email) = {key} AND status = {CheckoutStatus.Abandoned}").AsNoTracking()
            .Select(s => new
            {
                s.OfferId,
                s.CreatedAt,
                Demo = s.Metadata != null && EF.Functions.JsonContains(s.Metadata, DemoJson),
            })
            .ToListAsync(ct);
        if (orders.Count == 0 && abandoned.Count == 0) return null;

        Guid[] ids = [.. orders.Select(o => o.Fact.OrderId)];
        Guid?[] disputedIds = [.. ids.Select(id => (Guid?)id)];
        var licenses = await db.Licenses.AsNoTracking().Where(l => ids.Contains(l.OrderId))
            .Select(l => new GhlLicenseFact(l.OrderId, l.ProductId, l.Key, l.Status, l.IssuedAt))
            .ToListAsync(ct);
        var disputeStatuses = await db.Disputes.AsNoTracking().Where(d => disputedIds.Contains(d.OrderId))
            .Select(d => d.Status).ToListAsync(ct);

        return new GhlCustomerFacts(
            key,
            orders.OrderByDescending(o => o.Fact.CreatedAt).ThenByDescending(o => o.Fact.OrderId)
                .Select(o => o.CustomerName).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)),
            orders.Any(o => o.Demo) || abandoned.Any(s => s.Demo),
            [.. orders.Select(o => o.Fact).OrderBy(o => o.CreatedAt).ThenBy(o => o.OrderId)],
            licenses,
            [.. abandoned.Where(s => s.OfferId != null).Select(s => new GhlAbandonedCheckout(s.OfferId!, s.CreatedAt)).OrderBy(a => a.At)],
            disputeStatuses.Any(DisputeStatus.IsOpen));
    }
}
