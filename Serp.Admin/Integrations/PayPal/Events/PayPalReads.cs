using System.Globalization;
using System.Text.Json;

namespace Serp.Admin.Integrations.PayPal.Events;

/// <summary>
/// Tolerant reads of PayPal JSON: a missing field, a null or another kind of value reads as absent and never throws;
/// what a fact cannot do without is checked by the translators, which fail with a sentence instead.
/// </summary>
internal static class PayPalReads
{
    public static string? Text(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static JsonElement Child(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    public static IEnumerable<JsonElement> Items(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray()
            : [];

    /// <summary>An RFC 3339 time (<c>2026-11-20T10:00:00Z</c>, fractions and offsets allowed).</summary>
    public static DateTimeOffset? Instant(this JsonElement e, string name) =>
        DateTimeOffset.TryParse(e.Text(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null;

    /// <summary>The last path segment of the HATEOAS link with this <c>rel</c> (e.g. the capture a refund belongs to).</summary>
    public static string? LinkedId(this JsonElement e, string rel)
    {
        var href = e.Items("links").FirstOrDefault(l => l.Text("rel") == rel).Text("href");
        if (!Uri.TryCreate(href, UriKind.Absolute, out var uri)) return null;
        var last = uri.AbsolutePath.TrimEnd('/').Split('/')[^1];
        return last.Length == 0 ? null : Uri.UnescapeDataString(last);
    }

    /// <summary>One value read from the root of a JSON text (an API answer kept as text); default when it is not JSON.</summary>
    public static T? FromRoot<T>(string json, Func<JsonElement, T?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            using var document = JsonDocument.Parse(json);
            return read(document.RootElement);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
