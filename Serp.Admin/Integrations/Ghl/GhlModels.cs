namespace Serp.Admin.Integrations.Ghl;

/// <summary>A contact as GHL returns it (the fields the sync reads).</summary>
public sealed record GhlContact(
    string Id,
    string? Email,
    string? FirstName,
    string? LastName,
    IReadOnlyList<string> Tags,
    IReadOnlyList<GhlCustomFieldValue> CustomFields);

/// <summary>A custom field value by field id, as in <c>customFields: [{id, field_value}]</c>.</summary>
public sealed record GhlCustomFieldValue(string Id, string? Value);

/// <summary>The body of <c>POST /contacts/upsert</c> (the location id is added by the client).</summary>
public sealed record GhlContactUpsert(string Email, string? FirstName, string? LastName, IReadOnlyList<GhlCustomFieldValue> CustomFields);

/// <summary>A custom field of the location: its id and its key (e.g. <c>contact.license_key</c>).</summary>
public sealed record GhlCustomField(string Id, string Name, string FieldKey, string? DataType);

public sealed record GhlPipeline(string Id, string Name, IReadOnlyList<GhlPipelineStage> Stages);

public sealed record GhlPipelineStage(string Id, string Name);

public sealed record GhlWorkflow(string Id, string Name, string? Status);

public sealed record GhlOpportunity(string Id, string Name, string PipelineId, string PipelineStageId, string ContactId, string Status, decimal? MonetaryValue);

/// <summary>The body of <c>POST /opportunities/upsert</c> (the location id is added by the client).</summary>
public sealed record GhlOpportunityUpsert(string ContactId, string PipelineId, string PipelineStageId, string Name, string Status, decimal MonetaryValue);
