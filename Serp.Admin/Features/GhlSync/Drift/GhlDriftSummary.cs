namespace Serp.Admin.Features.GhlSync.Drift;

/// <summary>A drift report in one line for the scan's list: what differs, never the customer's values.</summary>
public static class GhlDriftSummary
{
    public const int MaxLength = 500;

    public static string Of(GhlDriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.ContactId is null) return "no contact in GHL";
        var text = string.Join("; ", report.Lines.Where(l => l.Differs).Select(l => l.Kind switch
        {
            "Tag" when l.Expected == "present" => $"tag {l.Name} missing",
            "Tag" => $"tag {l.Name} should be removed",
            _ => $"{l.Name} differs",
        }));
        return text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
    }
}
