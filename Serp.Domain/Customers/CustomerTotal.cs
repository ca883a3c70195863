namespace Serp.Domain.Customers;

/// <summary>
/// One customer's paid orders in one currency, kept beside the purchase ledger so the customer list can sort a
/// million orders' customers by spend without aggregating them on every load. Recomputed from the orders, never
/// incremented: see <see cref="CustomerTotals"/>.
/// </summary>
public sealed class CustomerTotal
{
    /// <summary>The customer's email in lower case: one customer whatever case the checkouts used.</summary>
    public required string Email { get; set; }
    public required string Currency { get; set; }
    /// <summary>The name on the newest paid order.</summary>
    public string? CustomerName { get; set; }
    /// <summary>Paid orders (ever paid: refunded and disputed ones included).</summary>
    public int Orders { get; set; }
    /// <summary>What those orders charged, minor units.</summary>
    public long Gross { get; set; }
    /// <summary>What went back through refunds, minor units.</summary>
    public long Refunded { get; set; }
    /// <summary>Gross less refunded (a stored generated column); lost disputes are not subtracted.</summary>
    public long Net { get; private set; }
    public DateTimeOffset FirstPurchaseAt { get; set; }
    public DateTimeOffset LastPurchaseAt { get; set; }
}
