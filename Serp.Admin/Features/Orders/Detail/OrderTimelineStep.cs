using Serp.Domain.Money;

namespace Serp.Admin.Features.Orders.Detail;

public enum TimelineKind
{
    SessionCreated,
    SessionCompleted,
    SessionExpired,
    SessionFailed,
    Payment,
    PaymentFailed,
    FailedAttempt,
    LicenseIssued,
    Refund,
    DisputeOpened,
    DisputeClosed,
    LicenseRevoked,
    StaffAction,
    Note,
    ProviderEvent,
    GhlSync,
}

/// <summary>One step of an order's story, with the webhook events that reported it.</summary>
public sealed record TimelineStep(TimelineKind Kind, DateTimeOffset At, string Title)
{
    public string? Detail { get; init; }
    public Money? Amount { get; init; }
    /// <summary>The provider's status or the staff action's outcome.</summary>
    public string? Status { get; init; }
    /// <summary>The staff member behind it (refund requester, note author, audit actor).</summary>
    public string? Actor { get; init; }
    /// <summary>When the customer must have answered a dispute by (open disputes only).</summary>
    public DateTimeOffset? DueBy { get; init; }
    /// <summary>The provider id the step is about (refund, dispute, session, attempt, license key).</summary>
    public string? Reference { get; init; }
    public IReadOnlyList<WebhookEventRow> Events { get; init; } = [];
}
