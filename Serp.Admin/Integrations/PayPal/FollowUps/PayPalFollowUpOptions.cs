using System.ComponentModel.DataAnnotations;

namespace Serp.Admin.Integrations.PayPal.FollowUps;

/// <summary>The <c>PayPal:FollowUps</c> section: how often the payer look-ups and AutoCapture run, and how many orders per round.</summary>
public sealed class PayPalFollowUpOptions
{
    public const string Section = "PayPal:FollowUps";

    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;

    /// <summary>Approved orders older than this are not captured automatically (PayPal lets an approval lapse after 3 days).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3.00:00:00")]
    public TimeSpan CaptureWindow { get; set; } = TimeSpan.FromDays(3);
}
