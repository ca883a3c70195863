using Serp.Domain.Money;

namespace Serp.Admin.Features.Customers;

/// <summary>Everything the customer page shows for one email (matched case-insensitively).</summary>
public sealed record CustomerDetail(
    string Email,
    string? Name,
    int OrderCount,
    DateTimeOffset? FirstPurchaseAt,
    DateTimeOffset? LastPurchaseAt,
    IReadOnlyList<LifetimeValue> Value,
    IReadOnlyList<CustomerOrderRow> Orders,
    IReadOnlyList<CustomerSessionRow> Sessions,
    IReadOnlyList<CustomerRefundRow> Refunds,
    IReadOnlyList<CustomerDisputeRow> Disputes,
    IReadOnlyList<CustomerLicenseRow> Licenses);

/// <summary>
/// What one customer spent in one currency. Net is gross paid less refunded; money lost in disputes is shown
/// beside it and not subtracted (the order page and the dispute desk account for it).
/// </summary>
public sealed record LifetimeValue(string Currency, int PaidOrders, long Gross, long Refunded, long LostInDisputes)
{
    public Money GrossMoney => new(Gross, Currency);
    public Money RefundedMoney => new(Refunded, Currency);
    public Money Net => new(Gross - Refunded, Currency);
    public Money LostInDisputesMoney => new(LostInDisputes, Currency);
}

public sealed record CustomerOrderRow(Guid Id, DateTimeOffset CreatedAt, string? OfferId, Money Amount, long AmountRefunded, string PaymentStatus, string Source)
{
    public Money Refunded => new(AmountRefunded, Amount.Currency);
}

public sealed record CustomerSessionRow(Guid Id, string? ProviderSessionId, string? OfferId, string Status, string Source, DateTimeOffset CreatedAt);

public sealed record CustomerRefundRow(Guid? OrderId, string ProviderRefundId, Money Amount, string Status, string? Reason, string? RequestedBy, DateTimeOffset CreatedAt);

public sealed record CustomerDisputeRow(
    Guid? OrderId, string ProviderDisputeId, Money Amount, string Status, string? Reason, DateTimeOffset? EvidenceDueBy, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);

public sealed record CustomerLicenseRow(Guid OrderId, string ProductId, string Key, string Status, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt);
