using Serp.Domain.Checkout;
using Serp.Domain.Disputes;
using Serp.Domain.Orders;
using Serp.Domain.Payments;
using Serp.Domain.Refunds;

namespace Serp.Domain.Purchases;

/// <summary>Everything known about one purchase: the rows that <see cref="PurchaseRules"/> reads and writes together.</summary>
public sealed class Purchase
{
    public Order? Order { get; set; }
    public CheckoutSession? Session { get; set; }
    public List<Refund> Refunds { get; init; } = [];
    public List<Dispute> Disputes { get; init; } = [];
    public List<PaymentFailure> Failures { get; init; } = [];
}
