using System.Globalization;

namespace Serp.Admin.Features.Monitoring;

/// <summary>Provider names as operators know them.</summary>
public static class ProviderNames
{
    public static string Of(string provider) => provider switch
    {
        "stripe" => "Stripe",
        "paypal" => "PayPal",
        _ => provider,
    };
}

/// <summary>A rule's window in words: "hour", "15 minutes", "2 hours".</summary>
public static class Duration
{
    public static string Words(TimeSpan span)
    {
        if (span == TimeSpan.FromHours(1)) return "hour";
        if (span.TotalMinutes < 60) return $"{span.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} minutes";
        return $"{span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} hours";
    }
}
