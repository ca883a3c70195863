using System.ComponentModel.DataAnnotations;

namespace Serp.Admin.Integrations.Stripe;

/// <summary>
/// <c>Stripe:Reconciliation</c>: the reach of <see cref="StripeReconciliationSource"/>. The same section's
/// <c>Enabled</c> and <c>Interval</c> are the schedule of every provider (<c>ReconciliationScheduleOptions</c>).
/// </summary>
public sealed class StripeReconciliationOptions
{
    public const string Section = "Stripe:Reconciliation";

    /// <summary>
    /// How far before a cursor the next listing starts again: covers objects Stripe lists a little late and clock
    /// skew. Re-applying an object is harmless (the purchase rules are idempotent).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back the first run (no cursor yet) lists.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Objects per list request (Stripe allows 1 to 100).</summary>
    [Range(1, 100)] public int PageSize { get; set; } = 100;
}
