namespace Serp.Domain.Reconciliation;

/// <summary>How far a reconciliation job has read a provider's history (e.g. "stripe:charges").</summary>
public sealed class SyncCursor
{
    public required string Name { get; set; }
    public DateTimeOffset Position { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? LastResult { get; set; }
}
