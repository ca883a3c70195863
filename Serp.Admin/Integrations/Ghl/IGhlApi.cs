namespace Serp.Admin.Integrations.Ghl;

/// <summary>
/// GHL API v2 (LeadConnector) for one location (<c>Ghl:LocationId</c>), as the sync, the drift check and the
/// configuration check use it. The implementation waits for the shared request budget (all app instances together)
/// before every call, honours 429 / <c>Retry-After</c>, and appends every call to <paramref name="log"/> when given.
/// Failures throw <see cref="GhlApiException"/>. Never logs the token or customer data at Information level.
/// </summary>
public interface IGhlApi
{
    /// <summary>False without <c>Ghl:Token</c> / <c>Ghl:LocationId</c>: callers stay idle and say so.</summary>
    bool IsConfigured { get; }

    /// <summary><c>POST /contacts/upsert</c> by email with names and custom fields; never sends <c>tags</c> (it replaces all of them).</summary>
    Task<GhlContact> UpsertContactAsync(GhlContactUpsert contact, GhlCallLog? log, CancellationToken ct);

    /// <summary><c>GET /contacts/{id}</c>; null on 404.</summary>
    Task<GhlContact?> GetContactAsync(string contactId, GhlCallLog? log, CancellationToken ct);

    /// <summary><c>GET /contacts/search/duplicate?locationId=&amp;email=</c>; null when no contact has the email.</summary>
    Task<GhlContact?> FindContactByEmailAsync(string email, GhlCallLog? log, CancellationToken ct);

    /// <summary><c>POST /contacts/{id}/tags</c> with <c>{"tags": [...]}</c> (adds, keeps the others).</summary>
    Task AddTagsAsync(string contactId, IReadOnlyCollection<string> tags, GhlCallLog? log, CancellationToken ct);

    /// <summary><c>DELETE /contacts/{id}/tags</c> with <c>{"tags": [...]}</c>.</summary>
    Task RemoveTagsAsync(string contactId, IReadOnlyCollection<string> tags, GhlCallLog? log, CancellationToken ct);

    /// <summary><c>GET /locations/{locationId}/customFields</c>.</summary>
    Task<IReadOnlyList<GhlCustomField>> ListCustomFieldsAsync(GhlCallLog? log, CancellationToken ct);

    /// <summary><c>GET /opportunities/pipelines?locationId=</c>.</summary>
    Task<IReadOnlyList<GhlPipeline>> ListPipelinesAsync(GhlCallLog? log, CancellationToken ct);

    /// <summary><c>GET /workflows/?locationId=</c>.</summary>
    Task<IReadOnlyList<GhlWorkflow>> ListWorkflowsAsync(GhlCallLog? log, CancellationToken ct);

    /// <summary><c>GET /opportunities/search?location_id=&amp;contact_id=&amp;pipeline_id=</c>.</summary>
    Task<IReadOnlyList<GhlOpportunity>> SearchOpportunitiesAsync(string contactId, string pipelineId, GhlCallLog? log, CancellationToken ct);

    /// <summary><c>POST /opportunities/upsert</c>: one opportunity per contact and pipeline, found again rather than duplicated.</summary>
    Task<GhlOpportunity> UpsertOpportunityAsync(GhlOpportunityUpsert opportunity, GhlCallLog? log, CancellationToken ct);

    /// <summary><c>POST /contacts/{contactId}/workflow/{workflowId}</c>.</summary>
    Task AddToWorkflowAsync(string contactId, string workflowId, GhlCallLog? log, CancellationToken ct);
}
