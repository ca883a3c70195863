namespace Serp.Admin.Integrations.Stripe;

public enum ReconciliationOutcome
{
    Completed,
    /// <summary>Listed everything, but some objects could not be applied (their resource's cursor stays before them).</summary>
    CompletedWithFailures,
    /// <summary>Another instance (or click) holds the reconciliation lock; nothing was done.</summary>
    AlreadyRunning,
    /// <summary><c>Stripe:SecretKey</c> is not set; Stripe was not called.</summary>
    NotConfigured,
    /// <summary>Stripe kept answering 429 after the retries; the run stopped where it was.</summary>
    RateLimited,
    /// <summary>Stripe refused (e.g. 401), was unreachable, or the database was; the run stopped where it was.</summary>
    Failed,
}

/// <summary>What one resource's listing did. <see cref="Cursor"/> is null when the cursor was not moved.</summary>
public sealed record ResourceReconciliation(string Resource, int Listed, int Applied, int Skipped, int Failed, DateTimeOffset? Cursor);

public sealed record ReconciliationResult
{
    public required ReconciliationOutcome Outcome { get; init; }
    /// <summary>One sentence for an operator (never customer data).</summary>
    public required string Message { get; init; }
    public IReadOnlyList<ResourceReconciliation> Resources { get; init; } = [];
    /// <summary>Events Stripe reports as not delivered (last 30 days).</summary>
    public int EventsListed { get; init; }
    /// <summary>Of those, the ones new to the inbox (the others were already stored).</summary>
    public int EventsQueued { get; init; }
    public TimeSpan Elapsed { get; init; }

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
