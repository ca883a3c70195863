using Serp.Domain.Disputes;
using Serp.Domain.Orders;

namespace Serp.Domain.Purchases;

/// <summary>An order's payment_status, derived from everything known about it (never stepped event by event).</summary>
public static class OrderStatusRules
{
    public static string Derive(Order order, IEnumerable<Dispute> disputes)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(disputes);
        // A chargeback dominates while open, and stays the order's story when lost (the money went back).
        if (disputes.Any(d => DisputeStatus.IsOpen(d.Status) || d.Status == DisputeStatus.Lost)) return PaymentStatus.Disputed;
        if (order.AmountRefunded > 0 && order.AmountRefunded >= order.AmountTotal) return PaymentStatus.Refunded;
        if (order.AmountRefunded > 0) return PaymentStatus.PartiallyRefunded;
        if (order.PaidAt is not null) return PaymentStatus.Paid;
        if (order.FailedAt is not null) return PaymentStatus.Failed;
        return PaymentStatus.Pending;
    }
}
