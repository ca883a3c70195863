using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Serp.Admin.Features.Orders.Detail;

/// <summary>
/// An audit entry's details as a line an agent reads ("Amount: $10.00 · Reason: duplicate · Note: asked twice")
/// instead of the stored JSON. An amount is shown as money when the details also name its currency.
/// </summary>
public static class AuditDetailsText
{
    public static string? Format(JsonElement details)
    {
        if (details.ValueKind != JsonValueKind.Object) return details.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : details.GetRawText();
        var currency = details.TryGetProperty("currency", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var parts = new List<string>();
        foreach (var property in details.EnumerateObject())
        {
            if (property.NameEquals("currency") && currency is not null) continue;
            var value = Value(property, currency);
            if (value is not null) parts.Add($"{Words(property.Name)}: {value}");
        }
        return parts.Count == 0 ? null : string.Join(" · ", parts);
    }

    private static string? Value(JsonProperty property, string? currency) => property.Value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => string.IsNullOrWhiteSpace(property.Value.GetString()) ? null : property.Value.GetString(),
        JsonValueKind.Number when currency is not null && property.Name.Contains("amount", StringComparison.OrdinalIgnoreCase)
            && property.Value.TryGetInt64(out var minor) => new Domain.Money.Money(minor, currency).Format(),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        _ => property.Value.GetRawText(),
    };

    /// <summary><c>providerRefundId</c>, <c>provider_refund_id</c> → "Provider refund id".</summary>
    internal static string Words(string name)
    {
        var words = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var ch = name[i];
            if (ch == '_') { words.Append(' '); continue; }
            if (char.IsUpper(ch) && i > 0 && name[i - 1] != '_') words.Append(' ');
            words.Append(i == 0 ? char.ToUpper(ch, CultureInfo.InvariantCulture) : char.ToLower(ch, CultureInfo.InvariantCulture));
        }
        return words.ToString();
    }
}
