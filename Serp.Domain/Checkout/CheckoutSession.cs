using System.Text.Json;

namespace Serp.Domain.Checkout;

/// <summary>
/// A checkout attempt. The storefront may insert <c>pending</c> rows itself (shared database);
/// the admin creates or updates rows from webhooks, reconciliation and the stale-session sweep.
/// </summary>
public sealed class CheckoutSession
{
    public Guid Id { get; set; }
    public string? StripeSessionId { get; set; }
    public string? StripePaymentIntentId { get; set; }
    public string? OfferId { get; set; }
    public string? LanderId { get; set; }
    public string? CustomerEmail { get; set; }
    public JsonDocument? Metadata { get; set; }
    public required string Status { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's <c>xmin</c>: an optimistic concurrency token (see <see cref="Orders.Order.Version"/>).</summary>
    public uint Version { get; private set; }
}
