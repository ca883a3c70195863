using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;

namespace Serp.Domain.Purchases;

/// <summary>
/// Loads (tracked) every row a fact may touch: the order, its checkout session, refunds, disputes, failures. Rows are
/// looked up by the columns of the fact's source (<see cref="PurchaseColumns"/>), refunds, disputes and failures by
/// source and reference, so a PayPal id never matches a Stripe row.
/// </summary>
internal static class PurchaseLoader
{
    public static async Task<Purchase> LoadAsync(SerpDbContext db, PurchaseFact fact, CancellationToken ct)
    {
        var source = PurchaseColumns.Require(fact.Source);
        var (paymentRef, sessionId, chargeId) = fact switch
        {
            CheckoutFact f => (PurchaseColumns.CheckoutPaymentRef(f), f.SessionId, (string?)null),
            PaymentFact f => (f.PaymentRef, null, f.ChargeId),
            PaymentFailureFact f => (f.PaymentRef, null, null),
            RefundFact f => (f.PaymentRef, null, f.ChargeId),
            DisputeFact f => (f.PaymentRef, null, f.ChargeId),
            _ => (null, null, null),
        };

        var order = paymentRef is not null ? await PurchaseColumns.OrderByPaymentAsync(db, source, paymentRef, ct) : null;
        if (order is null && sessionId is not null) order = await PurchaseColumns.OrderBySessionAsync(db, source, sessionId, ct);
        if (order is null && chargeId is not null) order = await PurchaseColumns.OrderByChargeAsync(db, source, chargeId, ct);
        if (order is not null) await LockAsync(db, order, ct);
        // The order knows ids the fact may not name: a PayPal refund or dispute names only the capture, a checkout
        // only the order; rows stored under either belong to this purchase.
        if (order is not null)
        {
            paymentRef ??= PurchaseColumns.PaymentRef(order, source);
            chargeId ??= PurchaseColumns.ChargeRef(order, source);
        }

        var session = sessionId is not null
            ? await PurchaseColumns.SessionAsync(db, source, sessionId, ct)
            : order?.CheckoutSessionId is { } id ? await db.CheckoutSessions.FirstOrDefaultAsync(s => s.Id == id, ct) : null;

        var refundId = (fact as RefundFact)?.ProviderRefundId;
        var disputeId = (fact as DisputeFact)?.ProviderDisputeId;
        var purchase = new Purchase
        {
            Order = order,
            Session = session,
            Refunds = await db.Refunds
                .Where(r => r.Source == source
                    && ((paymentRef != null && r.PaymentRef == paymentRef) || (chargeId != null && r.ChargeId == chargeId) || r.ProviderRefundId == refundId))
                .ToListAsync(ct),
            Disputes = await db.Disputes
                .Where(d => d.Source == source
                    && ((paymentRef != null && d.PaymentRef == paymentRef) || (chargeId != null && d.ChargeId == chargeId) || d.ProviderDisputeId == disputeId))
                .ToListAsync(ct),
            Failures = fact is PaymentFailureFact failure
                ? await db.PaymentFailures.Where(f => f.Source == source && f.PaymentRef == failure.PaymentRef).ToListAsync(ct)
                : [],
        };
        return purchase;
    }

    /// <summary>
    /// Locks the order's row until the transaction ends and reads it again: a fact that found the order through an id
    /// another fact of the purchase does not name (a PayPal approval names the order, its refund only the capture)
    /// holds no advisory lock in common with it, but both need this row, so they queue here. Everything loaded after
    /// this (session, refunds, disputes) is what the fact before committed.
    /// </summary>
    private static async Task LockAsync(SerpDbContext db, Orders.Order order, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM orders WHERE id = {order.Id} FOR UPDATE", ct);
        await db.Entry(order).ReloadAsync(ct);
    }
}
