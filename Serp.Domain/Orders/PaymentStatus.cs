namespace Serp.Domain.Orders;

/// <summary>The values stored in <c>orders.payment_status</c> (contract: see shared/ARCHITECTURE.md).</summary>
public static class PaymentStatus
{
    public const string Pending = "pending";
    public const string Paid = "paid";
    public const string Failed = "failed";
    public const string PartiallyRefunded = "partially_refunded";
    public const string Refunded = "refunded";
    public const string Disputed = "disputed";

    public static IReadOnlyList<string> All { get; } = [Pending, Paid, Failed, PartiallyRefunded, Refunded, Disputed];
}
