namespace Serp.Domain.GhlSync;

/// <summary>
/// The GHL outbox: one row per customer email. Anything that changes what GHL should know bumps
/// <see cref="DesiredVersion"/> and sets the row pending (<see cref="GhlOutbox"/>); the sync worker makes GHL match the
/// database and records every attempt in <c>ghl_sync_attempts</c>.
/// </summary>
public sealed class GhlSyncState
{
    public required string Email { get; set; }
    public long DesiredVersion { get; set; }
    /// <summary>The <see cref="DesiredVersion"/> the last finished sync read when it claimed the row.</summary>
    public long SyncedVersion { get; set; }
    public required string Status { get; set; }
    /// <summary>Consecutive attempts that did not finish (a claim counts one; success resets it).</summary>
    public int Attempts { get; set; }
    /// <summary>When a pending row is due (the bump's time, or the end of a retry backoff).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    /// <summary>The lease of the worker syncing the row; past it, another worker may take the row over.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    /// <summary>Identifies the current lease, so that a worker whose lease was taken over cannot write its result.</summary>
    public Guid? LeaseToken { get; set; }
    /// <summary>Plain words: why the last attempt failed or was skipped, or what it could not write.</summary>
    public string? LastError { get; set; }
    public int? LastHttpStatus { get; set; }
    public string? GhlContactId { get; set; }
    public string? GhlOpportunityId { get; set; }
    /// <summary>Workflows the contact was enrolled in by this app (enrolled once, never again).</summary>
    public List<string> EnrolledWorkflowIds { get; set; } = [];
    public DateTimeOffset? LastSyncedAt { get; set; }
    public string? RequestedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Fresh changes (a purchase, a refund) are claimed before bulk resyncs.</summary>
    public GhlSyncPriority Priority { get; set; }
    /// <summary>Hash of the desired contact the last sync computed.</summary>
    public string? DesiredHash { get; set; }
    /// <summary>Hash of the desired contact GHL was last made to match: equal to the new one means nothing is sent.</summary>
    public string? SyncedHash { get; set; }
    /// <summary>An operator asked for this sync: push everything even when the hash is unchanged (drift repair).</summary>
    public bool ForcePush { get; set; }
    /// <summary>The bulk resync ("all failed", "everyone") the row was last bumped by, for its progress.</summary>
    public DateTimeOffset? BulkRequestedAt { get; set; }
}

public static class GhlSyncStatus
{
    public const string Pending = "pending";
    public const string InProgress = "in_progress";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    /// <summary>Never pushed, by design: a demo customer (made by the demo generator), or an email with nothing to sync.</summary>
    public const string Skipped = "skipped";
}

/// <summary>Claim order of pending rows: <see cref="Fresh"/> before <see cref="Bulk"/> (stored as smallint 0 / 1).</summary>
public enum GhlSyncPriority : short
{
    Fresh = 0,
    Bulk = 1,
}
