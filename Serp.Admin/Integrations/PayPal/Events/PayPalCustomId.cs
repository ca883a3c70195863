using System.Text;
using System.Text.Json;

namespace Serp.Admin.Integrations.PayPal.Events;

/// <summary>
/// Our attribution as the storefront writes it in <c>purchase_units[].custom_id</c>, the contract form
/// <c>offer_id=…&amp;lander_id=…&amp;affiliate_id=…</c> (URL-encoded pairs, any subset, unknown keys kept).
/// Parsed strictly: anything else lifts nothing into the columns (a guess would credit the wrong affiliate), and
/// the metadata says why beside the raw value, which is always kept under <c>custom_id</c>.
/// </summary>
internal sealed record PayPalCustomId(string? OfferId, string? LanderId, string? AffiliateId, string MetadataJson)
{
    public const int MaxLength = 127;
    public const string RawKey = "custom_id";
    public const string ErrorKey = "custom_id_error";

    public static PayPalCustomId? Parse(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return null;
        var (pairs, error) = Pairs(raw);
        if (pairs is null) return new PayPalCustomId(null, null, null, Metadata([], raw, error));
        return new PayPalCustomId(Value(pairs, "offer_id"), Value(pairs, "lander_id"), Value(pairs, "affiliate_id"), Metadata(pairs, raw, null));
    }

    private static (List<KeyValuePair<string, string>>? Pairs, string? Error) Pairs(string raw)
    {
        if (raw.Length > MaxLength) return (null, $"longer than {MaxLength} characters");
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in raw.Split('&'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || part.IndexOf('=', equals + 1) >= 0) return (null, "not in the form key=value&key=value");
            var key = Decode(part[..equals]);
            var value = Decode(part[(equals + 1)..]);
            if (key is null || value is null) return (null, "a broken %-escape");
            if (key == RawKey || key == ErrorKey || pairs.Any(p => p.Key == key)) return (null, $"the key {key} twice or reserved");
            pairs.Add(new(key, value));
        }
        return (pairs, null);
    }

    /// <summary>Form decoding ('+' is a space), refusing a '%' that is not followed by two hex digits.</summary>
    private static string? Decode(string text)
    {
        for (var i = text.IndexOf('%', StringComparison.Ordinal); i >= 0; i = text.IndexOf('%', i + 1))
        {
            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2])) return null;
        }
        var decoded = Uri.UnescapeDataString(text.Replace('+', ' '));
        return decoded.Contains('\uFFFD', StringComparison.Ordinal) ? null : decoded;
    }

    private static string? Value(List<KeyValuePair<string, string>> pairs, string key) =>
        pairs.FirstOrDefault(p => p.Key == key).Value is { Length: > 0 } value ? value : null;

    private static string Metadata(List<KeyValuePair<string, string>> pairs, string raw, string? error)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (key, value) in pairs) json.WriteString(key, value);
            json.WriteString(RawKey, raw);
            if (error is not null) json.WriteString(ErrorKey, error);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
