namespace Serp.Domain.GhlSync;

/// <summary>
/// The GHL outbox: one row per customer email. Anything that changes what GHL should know bumps
/// <see cref="DesiredVersion"/> and sets the row pending; the sync worker makes GHL match the database.
/// </summary>
public sealed class GhlSyncState
{
    public required string Email { get; set; }
    public long DesiredVersion { get; set; }
    public long SyncedVersion { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public string? LastError { get; set; }
    public int? LastHttpStatus { get; set; }
    public string? GhlContactId { get; set; }
    public DateTimeOffset? LastSyncedAt { get; set; }
    public string? RequestedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class GhlSyncStatus
{
    public const string Pending = "pending";
    public const string InProgress = "in_progress";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
