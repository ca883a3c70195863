namespace Serp.Domain.Views;

/// <summary>A named filter of a list page (its URL query string), saved by one staff member.</summary>
public sealed class SavedView
{
    public Guid Id { get; set; }
    /// <summary>The staff actor who saved it; views are personal.</summary>
    public required string Owner { get; set; }
    /// <summary>The page the view belongs to, e.g. <c>orders</c>.</summary>
    public required string Page { get; set; }
    public required string Name { get; set; }
    /// <summary>The query string without the leading <c>?</c>, e.g. <c>status=refunded&amp;source=paypal</c>.</summary>
    public required string Query { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
