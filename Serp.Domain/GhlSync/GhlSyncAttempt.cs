using System.Text.Json;

namespace Serp.Domain.GhlSync;

/// <summary>
/// One sync attempt of one customer (<c>ghl_sync_attempts</c>): when, the GHL calls it made (method, path with ids,
/// status, milliseconds; never a token or a customer payload), how it ended and why in plain words.
/// </summary>
public sealed class GhlSyncAttempt
{
    public long Id { get; set; }
    public required string Email { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    /// <summary>One of <see cref="GhlSyncOutcome"/>.</summary>
    public required string Outcome { get; set; }
    /// <summary>The HTTP status of the failing call (null for a timeout or a dropped connection, or without a failure).</summary>
    public int? HttpStatus { get; set; }
    public string? Error { get; set; }
    /// <summary><c>[{"method","path","status","elapsedMs"}]</c>, in call order.</summary>
    public required JsonDocument Calls { get; set; }
    public int RequestCount { get; set; }
    /// <summary>The app instance (machine and process) that made the attempt.</summary>
    public required string Instance { get; set; }
}

public static class GhlSyncOutcome
{
    public const string Succeeded = "succeeded";
    /// <summary>The desired state's hash equals the last synced one: nothing was sent.</summary>
    public const string Unchanged = "unchanged";
    /// <summary>Failed, and will be retried after a backoff.</summary>
    public const string Retrying = "retrying";
    /// <summary>Failed for good: waits for a resync.</summary>
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}
