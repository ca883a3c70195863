using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;
using Serp.Domain.Orders;

namespace Serp.Admin.Features.Search;

/// <summary>
/// Resolves an exact id (ours, Stripe's, PayPal's, a license key) to its row and its order, each through a unique
/// index. A refund or dispute that arrived before its order has no order id yet: its payment reference finds it.
/// </summary>
internal static class ExactIdSearch
{
    public static readonly Expression<Func<Order, OrderMatch>> ToMatch = o => new OrderMatch(o.Id, o.CreatedAt,
        o.CustomerEmail, o.CustomerName, new Domain.Money.Money(o.AmountTotal, o.Currency), o.AmountRefunded,
        o.PaymentStatus, o.Source);

    public static async Task<SearchResult> RunAsync(SerpDbContext db, SearchQuery query, int limit, CancellationToken ct)
    {
        var term = query.Term;
        var orders = db.Orders.AsNoTracking();
        List<LicenseMatch> licenses = [];
        List<RefundMatch> refunds = [];
        List<DisputeMatch> disputes = [];
        List<string> paymentRefs = [];
        IQueryable<Order>? matches = null;

        switch (query.Kind)
        {
            case SearchKind.OrderId:
                var id = Guid.Parse(term);
                matches = orders.Where(o => o.Id == id);
                break;
            case SearchKind.StripeSession:
                matches = orders.Where(o => o.StripeSessionId == term);
                break;
            case SearchKind.StripePaymentIntent:
                matches = orders.Where(o => o.StripePaymentIntentId == term);
                break;
            case SearchKind.StripeCharge:
                matches = orders.Where(o => o.StripeChargeId == term);
                break;
            case SearchKind.PayPalId:
                // A PayPal order, capture or refund id: all three are unique, so at most one of them answers.
                matches = orders.Where(o => o.PaypalOrderId == term || o.PaypalCaptureId == term);
                (refunds, paymentRefs) = await RefundsAsync(db, term, ct);
                break;
            case SearchKind.StripeRefund:
                (refunds, paymentRefs) = await RefundsAsync(db, term, ct);
                break;
            case SearchKind.StripeDispute or SearchKind.PayPalDispute:
                (disputes, paymentRefs) = await DisputesAsync(db, term, ct);
                break;
            case SearchKind.LicenseKey:
                licenses = await db.Licenses.AsNoTracking().Where(l => l.Key == term)
                    .Select(l => new LicenseMatch(l.Key, l.ProductId, l.Status, l.OrderId, l.IssuedAt))
                    .ToListAsync(ct);
                break;
        }

        var orderIds = licenses.Select(l => (Guid?)l.OrderId)
            .Concat(refunds.Select(r => r.OrderId)).Concat(disputes.Select(d => d.OrderId))
            .OfType<Guid>().Distinct().ToList();
        var found = new List<OrderMatch>();
        if (matches is not null) found.AddRange(await matches.Take(limit).Select(ToMatch).ToListAsync(ct));
        if (orderIds.Count > 0)
        {
            found.AddRange(await orders.Where(o => orderIds.Contains(o.Id)).Select(ToMatch).ToListAsync(ct));
        }
        if (paymentRefs.Count > 0)
        {
            found.AddRange(await orders
                .Where(o => paymentRefs.Contains(o.StripePaymentIntentId!) || paymentRefs.Contains(o.StripeChargeId!)
                            || paymentRefs.Contains(o.PaypalOrderId!) || paymentRefs.Contains(o.PaypalCaptureId!))
                .Select(ToMatch).ToListAsync(ct));
        }
        var distinct = found.DistinctBy(o => o.Id).OrderByDescending(o => o.CreatedAt).Take(limit).ToList();
        Guid? exact = distinct.Count == 1 ? distinct[0].Id : null;
        if (exact is { } only)
        {
            refunds = refunds.Select(r => r with { OrderId = r.OrderId ?? only }).ToList();
            disputes = disputes.Select(d => d with { OrderId = d.OrderId ?? only }).ToList();
        }
        return new SearchResult(query, exact, distinct, [], licenses, refunds, disputes);
    }

    private static async Task<(List<RefundMatch>, List<string>)> RefundsAsync(SerpDbContext db, string id, CancellationToken ct)
    {
        var rows = await db.Refunds.AsNoTracking().Where(r => r.ProviderRefundId == id)
            .Select(r => new { r.ProviderRefundId, r.OrderId, r.PaymentRef, r.ChargeId, r.Amount, r.Currency, r.Status, r.CreatedAt })
            .ToListAsync(ct);
        return (rows.Select(r => new RefundMatch(r.ProviderRefundId, r.OrderId, new Domain.Money.Money(r.Amount, r.Currency),
                r.Status, r.CreatedAt)).ToList(),
            rows.Where(r => r.OrderId is null).SelectMany(r => new[] { r.PaymentRef, r.ChargeId }).OfType<string>().ToList());
    }

    private static async Task<(List<DisputeMatch>, List<string>)> DisputesAsync(SerpDbContext db, string id, CancellationToken ct)
    {
        var rows = await db.Disputes.AsNoTracking().Where(d => d.ProviderDisputeId == id)
            .Select(d => new { d.ProviderDisputeId, d.OrderId, d.PaymentRef, d.ChargeId, d.Amount, d.Currency, d.Status, d.EvidenceDueBy })
            .ToListAsync(ct);
        return (rows.Select(d => new DisputeMatch(d.ProviderDisputeId, d.OrderId, new Domain.Money.Money(d.Amount, d.Currency),
                d.Status, d.EvidenceDueBy)).ToList(),
            rows.Where(d => d.OrderId is null).SelectMany(d => new[] { d.PaymentRef, d.ChargeId }).OfType<string>().ToList());
    }
}
