namespace Serp.Admin.Reconciliation;

public enum ReconciliationOutcome
{
    Completed,
    /// <summary>Listed everything, but some objects could not be applied: they are in the inbox as failed, to replay.</summary>
    CompletedWithFailures,
    /// <summary>Another instance (or click) holds the provider's reconciliation lock; nothing was done.</summary>
    AlreadyRunning,
    /// <summary>The provider is not configured; it was not called.</summary>
    NotConfigured,
    /// <summary>The provider kept answering 429 after the retries; the run stopped where it was.</summary>
    RateLimited,
    /// <summary>The provider refused (e.g. 401), was unreachable, or the database was; the run stopped where it was.</summary>
    Failed,
}

/// <summary>
/// What one listing did: objects listed, applied through the ledger, skipped (nothing to apply), failed (stored in the
/// inbox as failed); of the listed events (<see cref="Events"/>), the ones new to the inbox (<see cref="Queued"/>).
/// <see cref="Cursor"/> is null when the cursor was not moved.
/// </summary>
public sealed record ResourceReconciliation(string Resource, int Listed, int Applied, int Skipped, int Failed, DateTimeOffset? Cursor)
{
    public int Events { get; init; }
    public int Queued { get; init; }
}

public sealed record ReconciliationResult
{
    /// <summary>The provider reconciled (<c>stripe</c>, <c>paypal</c>).</summary>
    public string Provider { get; init; } = "";
    public required ReconciliationOutcome Outcome { get; init; }
    /// <summary>One sentence for an operator (never customer data).</summary>
    public required string Message { get; init; }
    public IReadOnlyList<ResourceReconciliation> Resources { get; init; } = [];
    public DateTimeOffset StartedAt { get; init; }
    public TimeSpan Elapsed { get; init; }

    /// <summary>Events the provider listed as not delivered.</summary>
    public int EventsListed => Resources.Sum(r => r.Events);
    /// <summary>Of those, the ones new to the inbox (the others were already stored).</summary>
    public int EventsQueued => Resources.Sum(r => r.Queued);
    public int Listed => Resources.Sum(r => r.Listed);
    public int Applied => Resources.Sum(r => r.Applied);
    public int Failed => Resources.Sum(r => r.Failed);

    public string OutcomeCode => Outcome switch
    {
        ReconciliationOutcome.Completed => "completed",
        ReconciliationOutcome.CompletedWithFailures => "completed_with_failures",
        ReconciliationOutcome.AlreadyRunning => "already_running",
        ReconciliationOutcome.NotConfigured => "not_configured",
        ReconciliationOutcome.RateLimited => "rate_limited",
        _ => "failed",
    };

    public ResourceReconciliation? For(string resource) => Resources.FirstOrDefault(r => r.Resource == resource);
}
