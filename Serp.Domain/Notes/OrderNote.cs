namespace Serp.Domain.Notes;

/// <summary>A staff note on an order (kept for good, shown on the order's timeline, audited as <c>order.note_added</c>).</summary>
public sealed class OrderNote
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    /// <summary>The staff actor (<c>audit_log.actor</c>) who wrote it.</summary>
    public required string Author { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
