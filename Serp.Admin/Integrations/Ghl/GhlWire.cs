using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serp.Admin.Integrations.Ghl;

// GHL API v2 bodies as its OpenAPI specs (GoHighLevel/highlevel-api-docs, apps/*.json) spell them; only the fields the
// app reads or writes. Translated to and from the contract records in GhlModels.cs by GhlClient.

internal sealed record WireContactEnvelope(WireContact? Contact, bool? New);

internal sealed record WireContact(
    string Id,
    string? Email,
    string? FirstName,
    string? LastName,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<WireCustomFieldValue>? CustomFields)
{
    public GhlContact ToModel() => new(Id, Email, FirstName, LastName, Tags ?? [],
        [.. (CustomFields ?? []).Select(f => new GhlCustomFieldValue(f.Id, WireValue.AsText(f.Value)))]);
}

/// <summary>A value as GHL returns it: a string for text fields, a number, or a list for multi-option fields.</summary>
internal sealed record WireCustomFieldValue(string Id, JsonElement Value);

/// <summary>The upsert body. No <c>tags</c> property on purpose: GHL replaces every tag of the contact with it.</summary>
internal sealed record WireContactUpsert(
    string LocationId,
    string Email,
    string? FirstName,
    string? LastName,
    IReadOnlyList<WireFieldValueIn> CustomFields);

internal sealed record WireFieldValueIn(string Id, [property: JsonPropertyName("field_value")] string FieldValue);

internal sealed record WireTags(IReadOnlyCollection<string> Tags);

internal sealed record WireCustomFields(IReadOnlyList<WireCustomField>? CustomFields);

internal sealed record WireCustomField(string Id, string? Name, string? FieldKey, string? DataType);

internal sealed record WirePipelines(IReadOnlyList<WirePipeline>? Pipelines);

internal sealed record WirePipeline(string Id, string? Name, IReadOnlyList<WireStage>? Stages);

internal sealed record WireStage(string Id, string? Name);

internal sealed record WireWorkflows(IReadOnlyList<WireWorkflow>? Workflows);

internal sealed record WireWorkflow(string Id, string? Name, string? Status);

internal sealed record WireOpportunities(IReadOnlyList<WireOpportunity>? Opportunities);

internal sealed record WireOpportunityEnvelope(WireOpportunity? Opportunity, bool? New);

internal sealed record WireOpportunity(
    string Id,
    string? Name,
    string? PipelineId,
    string? PipelineStageId,
    string? ContactId,
    string? Status,
    JsonElement MonetaryValue)
{
    public GhlOpportunity ToModel() => new(Id, Name ?? "", PipelineId ?? "", PipelineStageId ?? "", ContactId ?? "",
        Status ?? "", MonetaryValue.ValueKind == JsonValueKind.Number ? MonetaryValue.GetDecimal()
            : decimal.TryParse(WireValue.AsText(MonetaryValue), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null);
}

/// <summary>
/// <c>POST /opportunities/upsert</c>. The spec omits <c>contactId</c> (the API needs it to find the contact's opportunity)
/// and marks the follower fields required; GHL accepts the call without them, and sending them would touch followers.
/// </summary>
internal sealed record WireOpportunityUpsert(
    string LocationId,
    string ContactId,
    string PipelineId,
    string PipelineStageId,
    string Name,
    string Status,
    decimal MonetaryValue);

/// <summary>GHL's error body: <c>{statusCode, message, error}</c>, where <c>message</c> is a string or a list of strings.</summary>
internal sealed record WireError(JsonElement Message, string? Error);

internal static class WireValue
{
    public static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(AsText)),
        _ => value.GetRawText(),
    };
}
