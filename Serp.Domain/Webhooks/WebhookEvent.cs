using System.Text.Json;

namespace Serp.Domain.Webhooks;

/// <summary>The inbox: every verified provider event, stored before it is answered, processed afterwards.</summary>
public sealed class WebhookEvent
{
    public long Id { get; set; }
    public required string Provider { get; set; }
    public required string EventId { get; set; }
    public required string EventType { get; set; }
    public string? ApiVersion { get; set; }
    public bool Livemode { get; set; }
    public required JsonDocument Payload { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    /// <summary>
    /// The provider ids the event was about (payment, session, charge, refund, dispute), set when it is processed:
    /// the order page finds the events behind each step through them (GIN index).
    /// </summary>
    public string[] Refs { get; set; } = [];
}

public static class WebhookEventStatus
{
    public const string Received = "received";
    public const string Processed = "processed";
    public const string Failed = "failed";
    public const string Ignored = "ignored";
}
