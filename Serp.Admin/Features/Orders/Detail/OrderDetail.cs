using Serp.Domain.Money;

namespace Serp.Admin.Features.Orders.Detail;

/// <summary>Everything the order page shows: the header and the rows the timeline is merged from.</summary>
public sealed record OrderDetail(OrderHeader Header, OrderTimelineInput Timeline)
{
    /// <summary>The order's Stripe events all came from test mode (no event at all counts as live).</summary>
    public bool TestMode => Timeline.Events.Count > 0 && Timeline.Events.All(e => !e.Livemode);
}

public sealed record OrderHeader(
    Guid Id,
    Money Amount,
    long AmountRefunded,
    string PaymentStatus,
    string Source,
    string? CustomerEmail,
    string? CustomerName,
    string? OfferId,
    string? LanderId,
    string? AffiliateId,
    string? PaymentMethod,
    string? StripePaymentIntentId,
    string? StripeChargeId,
    string? PaypalOrderId,
    string? PaypalCaptureId,
    DateTimeOffset CreatedAt,
    IReadOnlyList<KeyValuePair<string, string>> Metadata)
{
    public Money Refunded => new(AmountRefunded, Amount.Currency);
}

/// <summary>The rows of one order the timeline merges, as read from the database.</summary>
public sealed record OrderTimelineInput
{
    public OrderPaymentRow? Payment { get; init; }
    public OrderSessionRow? Session { get; init; }
    public IReadOnlyList<PaymentFailureRow> Failures { get; init; } = [];
    public IReadOnlyList<RefundRow> Refunds { get; init; } = [];
    public IReadOnlyList<DisputeRow> Disputes { get; init; } = [];
    public IReadOnlyList<LicenseRow> Licenses { get; init; } = [];
    public IReadOnlyList<StaffActionRow> StaffActions { get; init; } = [];
    public IReadOnlyList<NoteRow> Notes { get; init; } = [];
    public IReadOnlyList<WebhookEventRow> Events { get; init; } = [];
    /// <summary>The customer's GHL sync attempts since the order was created (newest <see cref="OrderDetailQueries.MaxGhlAttempts"/>).</summary>
    public IReadOnlyList<GhlAttemptStepRow> GhlAttempts { get; init; } = [];
}

/// <summary>The payment itself: when it was reported paid (null while unpaid) and the provider ids that name it.</summary>
public sealed record OrderPaymentRow(DateTimeOffset? PaidAt, DateTimeOffset? FailedAt, Money Amount, string? PaymentMethod, IReadOnlyList<string> Refs);

public sealed record OrderSessionRow(string? ProviderSessionId, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record PaymentFailureRow(string AttemptRef, Money Amount, string? FailureCode, string? FailureMessage, DateTimeOffset OccurredAt);

public sealed record RefundRow(string ProviderRefundId, Money Amount, string Status, string? Reason, string? Note, string? RequestedBy, DateTimeOffset CreatedAt);

public sealed record DisputeRow(
    string ProviderDisputeId, Money Amount, string Status, string? Reason, DateTimeOffset? EvidenceDueBy, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);

public sealed record LicenseRow(string ProductId, string Key, string Status, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt, string? RevokeReason);

public sealed record StaffActionRow(long Id, DateTimeOffset At, string Actor, string Action, string Outcome, string? Details);

public sealed record NoteRow(Guid Id, string Author, string Body, DateTimeOffset CreatedAt);

/// <summary>A stored webhook event behind the order; <see cref="Json"/> is its payload, pretty-printed.</summary>
public sealed record WebhookEventRow(
    long Id, string Provider, string EventId, string EventType, string Status, bool Livemode, DateTimeOffset ReceivedAt,
    IReadOnlyList<string> Refs, string Json);

/// <summary>One GHL sync attempt of the order's customer, as the timeline shows it.</summary>
public sealed record GhlAttemptStepRow(DateTimeOffset At, string Outcome, int? HttpStatus, string? Error, int RequestCount);
