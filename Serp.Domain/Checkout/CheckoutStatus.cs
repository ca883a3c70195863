namespace Serp.Domain.Checkout;

/// <summary>The values stored in <c>checkout_sessions.status</c> (contract).</summary>
public static class CheckoutStatus
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Abandoned = "abandoned";
}
