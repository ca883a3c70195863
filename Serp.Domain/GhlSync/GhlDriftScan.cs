namespace Serp.Domain.GhlSync;

/// <summary>
/// A drift scan asked for on /ghl (<c>ghl_drift_scans</c>): a sample of synced customers or all of them, checked
/// against GHL in the background by whichever instance claims it; its findings are <see cref="GhlDriftFinding"/> rows,
/// so they survive a reload and show on every instance.
/// </summary>
public sealed class GhlDriftScan
{
    public long Id { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public required string RequestedBy { get; set; }
    /// <summary>How many synced customers to check at random; null means every synced customer.</summary>
    public int? SampleSize { get; set; }
    /// <summary>One of <see cref="GhlDriftScanStatus"/>.</summary>
    public required string Status { get; set; }
    public int Total { get; set; }
    public int Checked { get; set; }
    public int Drifted { get; set; }
    /// <summary>The running instance's lease: past it, another instance starts the scan again.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Error { get; set; }
}

public static class GhlDriftScanStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Finished = "finished";
    public const string Failed = "failed";
}

/// <summary>A contact a drift scan found different from the desired state (<c>ghl_drift_findings</c>).</summary>
public sealed class GhlDriftFinding
{
    public long Id { get; set; }
    public long ScanId { get; set; }
    public required string Email { get; set; }
    public string? ContactId { get; set; }
    /// <summary>Lines that differ (fields, tags, name); 0 with no contact id means GHL has no contact for the email.</summary>
    public int Differences { get; set; }
    /// <summary>What differs, e.g. "tag purchase-templates missing; contact.total_spent": no customer values.</summary>
    public required string Summary { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
}
