using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;

namespace Serp.Domain.Purchases;

/// <summary>Loads (tracked) every row a fact may touch: the order, its checkout session, refunds, disputes, failures.</summary>
internal static class PurchaseLoader
{
    public static async Task<Purchase> LoadAsync(SerpDbContext db, PurchaseFact fact, CancellationToken ct)
    {
        var (paymentRef, sessionId, chargeId) = fact switch
        {
            CheckoutFact f => (f.PaymentRef, f.SessionId, (string?)null),
            PaymentFact f => (f.PaymentRef, null, f.ChargeId),
            PaymentFailureFact f => (f.PaymentRef, null, null),
            RefundFact f => (f.PaymentRef, null, f.ChargeId),
            DisputeFact f => (f.PaymentRef, null, f.ChargeId),
            _ => (null, null, null),
        };

        var order = paymentRef is not null
            ? await db.Orders.FirstOrDefaultAsync(o => o.StripePaymentIntentId == paymentRef, ct)
            : null;
        if (order is null && sessionId is not null) order = await db.Orders.FirstOrDefaultAsync(o => o.StripeSessionId == sessionId, ct);
        if (order is null && chargeId is not null) order = await db.Orders.FirstOrDefaultAsync(o => o.StripeChargeId == chargeId, ct);
        paymentRef ??= order?.StripePaymentIntentId;

        var session = sessionId is not null
            ? await db.CheckoutSessions.FirstOrDefaultAsync(s => s.StripeSessionId == sessionId, ct)
            : order?.CheckoutSessionId is { } id ? await db.CheckoutSessions.FirstOrDefaultAsync(s => s.Id == id, ct) : null;

        var refundId = (fact as RefundFact)?.ProviderRefundId;
        var disputeId = (fact as DisputeFact)?.ProviderDisputeId;
        var purchase = new Purchase
        {
            Order = order,
            Session = session,
            Refunds = await db.Refunds
                .Where(r => (paymentRef != null && r.PaymentRef == paymentRef) || (chargeId != null && r.ChargeId == chargeId) || r.ProviderRefundId == refundId)
                .ToListAsync(ct),
            Disputes = await db.Disputes
                .Where(d => (paymentRef != null && d.PaymentRef == paymentRef) || (chargeId != null && d.ChargeId == chargeId) || d.ProviderDisputeId == disputeId)
                .ToListAsync(ct),
            Failures = fact is PaymentFailureFact failure
                ? await db.PaymentFailures.Where(f => f.PaymentRef == failure.PaymentRef).ToListAsync(ct)
                : [],
        };
        return purchase;
    }
}
