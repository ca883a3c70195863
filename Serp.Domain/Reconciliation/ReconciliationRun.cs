namespace Serp.Domain.Reconciliation;

/// <summary>One reconciliation run of one provider, as /monitoring lists it (runs that never started are not kept).</summary>
public sealed class ReconciliationRun
{
    public long Id { get; set; }
    public required string Provider { get; set; }
    /// <summary>The staff member who pressed "Reconcile now", or <c>system:schedule</c>.</summary>
    public required string Actor { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    /// <summary><c>completed</c>, <c>completed_with_failures</c>, <c>rate_limited</c> or <c>failed</c>.</summary>
    public required string Outcome { get; set; }
    public int Listed { get; set; }
    /// <summary>Objects applied through the purchase ledger (what webhooks missed, and what they had already said).</summary>
    public int Applied { get; set; }
    /// <summary>Listed events that were new to the inbox: deliveries the provider gave up on.</summary>
    public int Queued { get; set; }
    /// <summary>Objects that could not be applied: each is a failed, replayable inbox event.</summary>
    public int Failed { get; set; }
    /// <summary>The run's sentence for operators: what went wrong, in words, when it did not complete.</summary>
    public required string Message { get; set; }
}
