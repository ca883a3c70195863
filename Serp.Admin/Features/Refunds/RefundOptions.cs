namespace Serp.Admin.Features.Refunds;

/// <summary>The <c>Refunds</c> configuration section.</summary>
public sealed class RefundOptions
{
    public const string Section = "Refunds";

    /// <summary>
    /// Per currency (lower-case ISO code), the largest refund in minor units a Support agent may make; above it only
    /// an Admin may. A currency not listed has no limit; an empty section means no limit at all.
    /// </summary>
    public Dictionary<string, long> SupportMaxAmount { get; } = new(StringComparer.OrdinalIgnoreCase);
}
