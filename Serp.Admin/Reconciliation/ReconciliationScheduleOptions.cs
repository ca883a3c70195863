using System.ComponentModel.DataAnnotations;

namespace Serp.Admin.Reconciliation;

/// <summary>
/// The schedule of every provider's reconciliation. Its keys stay where Stripe's schedule always was,
/// <c>Stripe:Reconciliation:Enabled</c> and <c>…:Interval</c>: PayPal runs on the same schedule (issue 9).
/// </summary>
public sealed class ReconciliationScheduleOptions
{
    public const string Section = "Stripe:Reconciliation";

    /// <summary>Run on a schedule in this instance (the Admin button works either way).</summary>
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);
}
