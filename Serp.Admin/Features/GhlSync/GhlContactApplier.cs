using Serp.Admin.Integrations.Ghl;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Features.GhlSync;

/// <summary>
/// What one application of a desired contact got done, kept up to date as it goes so that a failure half-way still
/// stores the contact and opportunity ids and the workflows already enrolled.
/// </summary>
public sealed class GhlApplyProgress(GhlClaim claim)
{
    public string? ContactId { get; set; } = claim.ContactId;
    public string? OpportunityId { get; set; } = claim.OpportunityId;
    public List<string> EnrolledWorkflowIds { get; } = [.. claim.EnrolledWorkflowIds];
    /// <summary>What could not be written, in plain words (a field key or a stage GHL does not have): reported, not fatal.</summary>
    public List<string> Problems { get; } = [];
}

/// <summary>
/// Makes a GHL contact match a <see cref="GhlDesiredContact"/> in as few requests as GHL allows: the upsert (names and
/// custom fields by id; never <c>tags</c>, which would replace them all), one request adding the missing tags, one
/// removing the managed tags the contact has (the upsert's answer says which), the opportunity upsert, and each
/// workflow not yet enrolled. A first sync is 3–4 requests.
/// </summary>
public sealed class GhlContactApplier(IGhlApi api, IGhlLocationMap map)
{
    public async Task ApplyAsync(GhlDesiredContact desired, GhlApplyProgress progress, GhlCallLog log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(progress);
        var mapping = await map.GetAsync(ct);

        List<GhlCustomFieldValue> fields = [];
        foreach (var (key, value) in desired.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (mapping.FieldIds.TryGetValue(key, out var id)) fields.Add(new GhlCustomFieldValue(id, value));
            else progress.Problems.Add($"GHL has no custom field {key}: not written.");
        }
        var contact = await api.UpsertContactAsync(new GhlContactUpsert(desired.Email, desired.FirstName, desired.LastName, fields), log, ct);
        progress.ContactId = contact.Id;

        // GHL keeps tags in lower case; compare without case so a tag typed differently there is not sent again.
        var has = new HashSet<string>(contact.Tags, StringComparer.OrdinalIgnoreCase);
        string[] add = [.. desired.Tags.Where(t => !has.Contains(t))];
        if (add.Length > 0) await api.AddTagsAsync(contact.Id, add, log, ct);
        string[] remove = [.. desired.RemovedTags.Where(has.Contains)];
        if (remove.Length > 0) await api.RemoveTagsAsync(contact.Id, remove, log, ct);

        if (desired.Opportunity is { } opportunity) await UpsertOpportunityAsync(contact.Id, opportunity, mapping, progress, log, ct);

        foreach (var workflow in desired.WorkflowIds.Where(w => !progress.EnrolledWorkflowIds.Contains(w, StringComparer.Ordinal)))
        {
            await api.AddToWorkflowAsync(contact.Id, workflow, log, ct);
            progress.EnrolledWorkflowIds.Add(workflow);
        }
    }

    private async Task UpsertOpportunityAsync(string contactId, GhlDesiredOpportunity opportunity, GhlLocationMapping mapping,
        GhlApplyProgress progress, GhlCallLog log, CancellationToken ct)
    {
        if (mapping.PipelineId is null)
        {
            progress.Problems.Add($"GHL has no pipeline \"{GhlStages.Pipeline}\": opportunity not written.");
            return;
        }
        if (!mapping.StageIds.TryGetValue(opportunity.Stage, out var stageId))
        {
            progress.Problems.Add($"The pipeline \"{GhlStages.Pipeline}\" has no stage \"{opportunity.Stage}\": opportunity not written.");
            return;
        }
        var saved = await api.UpsertOpportunityAsync(
            new GhlOpportunityUpsert(contactId, mapping.PipelineId, stageId, opportunity.Name, opportunity.Status, opportunity.MonetaryValue), log, ct);
        progress.OpportunityId = saved.Id;
    }
}
