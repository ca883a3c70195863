namespace Serp.Admin.Components.Shared;

/// <summary>The operator's time zone, read from the browser once the circuit is live (UTC until then).</summary>
public sealed record OperatorTimeZone(TimeZoneInfo Zone)
{
    public static OperatorTimeZone Utc { get; } = new(TimeZoneInfo.Utc);

    public static OperatorTimeZone FromIana(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? new(zone) : Utc;

    public DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);
}
