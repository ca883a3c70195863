namespace Serp.Domain.Disputes;

/// <summary>A dispute (chargeback) as the provider last reported it; linked to its order by <see cref="PaymentRef"/>.</summary>
public sealed class Dispute
{
    public Guid Id { get; set; }
    public Guid? OrderId { get; set; }
    public required string Source { get; set; }
    public required string ProviderDisputeId { get; set; }
    public string? PaymentRef { get; set; }
    public string? ChargeId { get; set; }
    public long Amount { get; set; }
    public required string Currency { get; set; }
    public string? Reason { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset? EvidenceDueBy { get; set; }
    public DateTimeOffset? FundsWithdrawnAt { get; set; }
    public DateTimeOffset? FundsReinstatedAt { get; set; }
    public DateTimeOffset ObservedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>Stripe's dispute statuses (PayPal's are mapped onto them).</summary>
public static class DisputeStatus
{
    public const string WarningNeedsResponse = "warning_needs_response";
    public const string WarningUnderReview = "warning_under_review";
    public const string WarningClosed = "warning_closed";
    public const string NeedsResponse = "needs_response";
    public const string UnderReview = "under_review";
    public const string Won = "won";
    public const string Lost = "lost";
    public const string Prevented = "prevented";

    public static bool IsClosed(string status) => status is WarningClosed or Won or Lost or Prevented;

    public static bool IsOpen(string status) => !IsClosed(status);

    public static int Rank(string status) => IsClosed(status) ? 2 : status is UnderReview or WarningUnderReview ? 1 : 0;
}
