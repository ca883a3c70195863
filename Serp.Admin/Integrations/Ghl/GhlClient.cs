using Microsoft.Extensions.Options;

namespace Serp.Admin.Integrations.Ghl;

/// <summary>
/// <see cref="IGhlApi"/> over <see cref="GhlHttp"/>: builds the wire bodies of GHL API v2 and reads its answers into
/// the contract records. Every call is scoped to <c>Ghl:LocationId</c>.
/// </summary>
public sealed class GhlClient(GhlHttp http, IOptionsMonitor<GhlOptions> options) : IGhlApi
{
    public bool IsConfigured => options.CurrentValue.IsConfigured;

    private string Location => options.CurrentValue.LocationId ?? "";

    public async Task<GhlContact> UpsertContactAsync(GhlContactUpsert contact, GhlCallLog? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var body = new WireContactUpsert(Location, contact.Email, contact.FirstName, contact.LastName,
            [.. contact.CustomFields.Select(f => new WireFieldValueIn(f.Id, f.Value ?? ""))]);
        var answer = await http.SendAsync<WireContactEnvelope>(HttpMethod.Post, "/contacts/upsert", null, body, log, nullOn404: false, ct);
        return answer?.Contact?.ToModel() ?? throw Unreadable("POST /contacts/upsert");
    }

    public async Task<GhlContact?> GetContactAsync(string contactId, GhlCallLog? log, CancellationToken ct)
    {
        var answer = await http.SendAsync<WireContactEnvelope>(HttpMethod.Get, "/contacts/" + Segment(contactId), null, null, log, nullOn404: true, ct);
        return answer?.Contact?.ToModel();
    }

    public async Task<GhlContact?> FindContactByEmailAsync(string email, GhlCallLog? log, CancellationToken ct)
    {
        var query = $"?locationId={Uri.EscapeDataString(Location)}&email={Uri.EscapeDataString(email)}";
        var answer = await http.SendAsync<WireContactEnvelope>(HttpMethod.Get, "/contacts/search/duplicate", query, null, log, nullOn404: true, ct);
        return answer?.Contact?.ToModel();
    }

    public Task AddTagsAsync(string contactId, IReadOnlyCollection<string> tags, GhlCallLog? log, CancellationToken ct) =>
        http.SendAsync<object>(HttpMethod.Post, $"/contacts/{Segment(contactId)}/tags", null, new WireTags(tags), log, nullOn404: false, ct);

    public Task RemoveTagsAsync(string contactId, IReadOnlyCollection<string> tags, GhlCallLog? log, CancellationToken ct) =>
        http.SendAsync<object>(HttpMethod.Delete, $"/contacts/{Segment(contactId)}/tags", null, new WireTags(tags), log, nullOn404: false, ct);

    public async Task<IReadOnlyList<GhlCustomField>> ListCustomFieldsAsync(GhlCallLog? log, CancellationToken ct)
    {
        var answer = await http.SendAsync<WireCustomFields>(HttpMethod.Get, $"/locations/{Segment(Location)}/customFields", null, null, log, nullOn404: false, ct);
        return [.. (answer?.CustomFields ?? []).Select(f => new GhlCustomField(f.Id, f.Name ?? "", f.FieldKey ?? "", f.DataType))];
    }

    public async Task<IReadOnlyList<GhlPipeline>> ListPipelinesAsync(GhlCallLog? log, CancellationToken ct)
    {
        var query = "?locationId=" + Uri.EscapeDataString(Location);
        var answer = await http.SendAsync<WirePipelines>(HttpMethod.Get, "/opportunities/pipelines", query, null, log, nullOn404: false, ct);
        return [.. (answer?.Pipelines ?? []).Select(p => new GhlPipeline(p.Id, p.Name ?? "",
            [.. (p.Stages ?? []).Select(s => new GhlPipelineStage(s.Id, s.Name ?? ""))]))];
    }

    public async Task<IReadOnlyList<GhlWorkflow>> ListWorkflowsAsync(GhlCallLog? log, CancellationToken ct)
    {
        var query = "?locationId=" + Uri.EscapeDataString(Location);
        var answer = await http.SendAsync<WireWorkflows>(HttpMethod.Get, "/workflows/", query, null, log, nullOn404: false, ct);
        return [.. (answer?.Workflows ?? []).Select(w => new GhlWorkflow(w.Id, w.Name ?? "", w.Status))];
    }

    public async Task<IReadOnlyList<GhlOpportunity>> SearchOpportunitiesAsync(string contactId, string pipelineId, GhlCallLog? log, CancellationToken ct)
    {
        var query = $"?location_id={Uri.EscapeDataString(Location)}&contact_id={Uri.EscapeDataString(contactId)}"
                    + $"&pipeline_id={Uri.EscapeDataString(pipelineId)}&limit=100";
        var answer = await http.SendAsync<WireOpportunities>(HttpMethod.Get, "/opportunities/search", query, null, log, nullOn404: false, ct);
        return [.. (answer?.Opportunities ?? []).Select(o => o.ToModel())];
    }

    public async Task<GhlOpportunity> UpsertOpportunityAsync(GhlOpportunityUpsert opportunity, GhlCallLog? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        var body = new WireOpportunityUpsert(Location, opportunity.ContactId, opportunity.PipelineId, opportunity.PipelineStageId,
            opportunity.Name, opportunity.Status, opportunity.MonetaryValue);
        var answer = await http.SendAsync<WireOpportunityEnvelope>(HttpMethod.Post, "/opportunities/upsert", null, body, log, nullOn404: false, ct);
        return answer?.Opportunity?.ToModel() ?? throw Unreadable("POST /opportunities/upsert");
    }

    public Task AddToWorkflowAsync(string contactId, string workflowId, GhlCallLog? log, CancellationToken ct) =>
        http.SendAsync<object>(HttpMethod.Post, $"/contacts/{Segment(contactId)}/workflow/{Segment(workflowId)}", null,
            new Dictionary<string, string>(), log, nullOn404: false, ct);

    private static string Segment(string id) => Uri.EscapeDataString(id);

    private static GhlApiException Unreadable(string call) =>
        new($"GHL answered {call} without the object it should return.", 200, isTransient: false);
}
