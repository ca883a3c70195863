namespace Serp.Domain.GhlSync;

/// <summary>
/// Everything the database knows about one customer that GHL should reflect: the input of
/// <c>GhlDesiredState.Build</c>. Loaded fresh for every sync, so the contact follows the current truth, not a diff of events.
/// </summary>
/// <param name="Email">The customer key (<see cref="Customers.CustomerEmail.Key"/>).</param>
/// <param name="Name">The name on the newest order that has one.</param>
/// <param name="IsDemo">Made by the demo generator: never pushed to a CRM.</param>
/// <param name="Orders">Every order of the customer, any status, oldest first.</param>
/// <param name="Licenses">Every license of those orders, active or revoked.</param>
/// <param name="Abandoned">Checkout sessions that ended abandoned (with the offer they were for).</param>
/// <param name="HasOpenDispute">Some order has a dispute that is not closed.</param>
public sealed record GhlCustomerFacts(
    string Email,
    string? Name,
    bool IsDemo,
    IReadOnlyList<GhlOrderFact> Orders,
    IReadOnlyList<GhlLicenseFact> Licenses,
    IReadOnlyList<GhlAbandonedCheckout> Abandoned,
    bool HasOpenDispute);

/// <summary>One order as the CRM sees it; amounts in minor units of <paramref name="Currency"/>.</summary>
public sealed record GhlOrderFact(
    Guid OrderId,
    string? OfferId,
    string PaymentStatus,
    long AmountTotal,
    long AmountRefunded,
    string Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt,
    string? AffiliateId);

/// <summary>A license of one of the customer's orders (<c>active</c> or <c>revoked</c>).</summary>
public sealed record GhlLicenseFact(Guid OrderId, string ProductId, string Key, string Status, DateTimeOffset IssuedAt);

/// <summary>A checkout session of the customer that ended <c>abandoned</c>.</summary>
public sealed record GhlAbandonedCheckout(string OfferId, DateTimeOffset At);
