using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Serp.Domain.GhlSync;

/// <summary>
/// The canonical form of a desired contact (JSON with a fixed property order, fields by key and every list sorted
/// ordinal, amounts in invariant culture) and its SHA-256: stable across runs, processes and input order.
/// </summary>
internal static class GhlDesiredHash
{
    public static string Of(GhlDesiredContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("email", contact.Email);
            json.WriteString("firstName", contact.FirstName);
            json.WriteString("lastName", contact.LastName);
            json.WriteStartObject("fields");
            foreach (var (key, value) in contact.Fields.OrderBy(f => f.Key, StringComparer.Ordinal)) json.WriteString(key, value);
            json.WriteEndObject();
            WriteSorted(json, "tags", contact.Tags);
            WriteSorted(json, "removedTags", contact.RemovedTags);
            if (contact.Opportunity is { } opportunity)
            {
                json.WriteStartObject("opportunity");
                json.WriteString("name", opportunity.Name);
                json.WriteString("stage", opportunity.Stage);
                json.WriteString("status", opportunity.Status);
                json.WriteString("monetaryValue", opportunity.MonetaryValue.ToString("0.############", CultureInfo.InvariantCulture));
                json.WriteString("currency", opportunity.Currency);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("opportunity");
            }
            WriteSorted(json, "workflowIds", contact.WorkflowIds);
            json.WriteEndObject();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteSorted(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values.Order(StringComparer.Ordinal)) json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
