using System.Text.Json;

namespace Serp.Admin.Integrations.Stripe;

/// <summary>
/// Tolerant reads of Stripe JSON: a missing field, a null, or an expanded object where an id was expected
/// (e.g. <c>latest_charge</c>) never throws, so events of any API version can be read.
/// </summary>
internal static class StripeJson
{
    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>An id field that may be a string id or an expanded object with an "id".</summary>
    public static string? Id(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Object => v.Str("id"),
                _ => null,
            }
            : null;

    public static long? Long(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    public static bool? Bool(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    public static JsonElement Obj(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    public static DateTimeOffset? Time(this JsonElement e, string name) =>
        e.Long(name) is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    public static IEnumerable<JsonElement> ListData(this JsonElement e, string name)
    {
        var list = e.Obj(name);
        return list.ValueKind == JsonValueKind.Object && list.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? data.EnumerateArray()
            : [];
    }
}
