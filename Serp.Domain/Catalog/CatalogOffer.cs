namespace Serp.Domain.Catalog;

/// <summary>
/// One entry of <c>Catalog:Offers</c>: what an offer id (from checkout metadata) sells.
/// </summary>
public sealed record CatalogOffer
{
    public required string OfferId { get; init; }
    public required string ProductId { get; init; }
    public required string ProductName { get; init; }
    public required string GhlTag { get; init; }
    /// <summary>A GHL workflow to enrol buyers of this offer in directly (<c>Catalog:Offers:&lt;id&gt;:WorkflowId</c>); optional.</summary>
    public string? GhlWorkflowId { get; init; }
    public bool Licensed { get; init; }
    /// <summary>The usual price in minor units of <see cref="Currency"/>; the demo generator uses it.</summary>
    public long Price { get; init; }
    public string Currency { get; init; } = "usd";
}
