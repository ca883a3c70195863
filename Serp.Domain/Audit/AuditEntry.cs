using System.Text.Json;

namespace Serp.Domain.Audit;

/// <summary>One staff action (refund, resync, replay, reconciliation, export) and how it ended.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string TargetType { get; set; }
    public string? TargetId { get; set; }
    public JsonDocument? Details { get; set; }
    public required string Outcome { get; set; }
}
