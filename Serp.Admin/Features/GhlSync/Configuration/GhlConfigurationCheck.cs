using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Admin.Integrations.Ghl;
using Serp.Domain.Catalog;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Features.GhlSync.Configuration;

/// <summary>One thing the sync needs in the location, and whether it is there.</summary>
/// <param name="Kind">Custom field, pipeline, stage or workflow.</param>
/// <param name="Name">What the sync looks for (a field key, a name, a workflow id).</param>
/// <param name="Id">The id it resolves to, when found.</param>
/// <param name="Source">"configured" when the id comes from configuration, else "by key" / "by name".</param>
public sealed record GhlMappingCheck(string Kind, string Name, string? Id, bool Found, string Source);

/// <summary>What the location holds, what the sync maps to it, and the offers whose tag is only the default.</summary>
public sealed record GhlConfigurationReport(
    IReadOnlyList<GhlCustomField> Fields,
    IReadOnlyList<GhlPipeline> Pipelines,
    IReadOnlyList<GhlWorkflow> Workflows,
    IReadOnlyList<GhlMappingCheck> Mappings,
    IReadOnlyList<CatalogOffer> OffersWithoutTag,
    IReadOnlyList<string> UnknownOfferIds,
    IReadOnlyList<GhlCall> Calls)
{
    public int Missing => Mappings.Count(m => !m.Found);
}

/// <summary>
/// The configuration check on /ghl: lists the location's custom fields, pipelines and workflows through
/// <see cref="IGhlApi"/> (three requests within the shared budget), marks each mapping found or missing, and lists
/// offers without an explicit GHL tag and offer ids in orders the catalog does not know (they sync as
/// <c>purchase-&lt;offer_id&gt;</c>). Invalidates the location map so the next sync resolves ids afresh.
/// </summary>
public sealed class GhlConfigurationCheck(
    IGhlApi api, IGhlLocationMap map, IOptionsMonitor<GhlOptions> options, OfferCatalog catalog, IConfiguration configuration,
    IDbContextFactory<SerpDbContext> dbFactory)
{
    public async Task<GhlConfigurationReport> RunAsync(CancellationToken ct)
    {
        var log = new GhlCallLog();
        var fields = await api.ListCustomFieldsAsync(log, ct);
        var pipelines = await api.ListPipelinesAsync(log, ct);
        var workflows = await api.ListWorkflowsAsync(log, ct);
        map.Invalidate();
        var settings = options.CurrentValue;

        var mappings = new List<GhlMappingCheck>();
        foreach (var key in GhlFieldKeys.All)
        {
            mappings.Add(settings.FieldIds.TryGetValue(key, out var id)
                ? new GhlMappingCheck("Custom field", key, id, fields.Any(f => f.Id == id), "configured")
                : Check("Custom field", key, fields.FirstOrDefault(f => string.Equals(f.FieldKey, key, StringComparison.OrdinalIgnoreCase))?.Id, "by key"));
        }
        var pipeline = settings.PipelineId is { Length: > 0 } pipelineId
            ? pipelines.FirstOrDefault(p => p.Id == pipelineId)
            : pipelines.FirstOrDefault(p => string.Equals(p.Name.Trim(), GhlStages.Pipeline, StringComparison.OrdinalIgnoreCase));
        mappings.Add(settings.PipelineId is { Length: > 0 } configured
            ? new GhlMappingCheck("Pipeline", GhlStages.Pipeline, configured, pipeline is not null, "configured")
            : Check("Pipeline", GhlStages.Pipeline, pipeline?.Id, "by name"));
        foreach (var stage in new[] { GhlStages.Lead, GhlStages.Purchase })
        {
            var stages = pipeline?.Stages ?? [];
            mappings.Add(settings.StageIds.TryGetValue(stage, out var stageId)
                ? new GhlMappingCheck("Stage", stage, stageId, stages.Any(s => s.Id == stageId), "configured")
                : Check("Stage", stage, stages.FirstOrDefault(s => string.Equals(s.Name.Trim(), stage, StringComparison.OrdinalIgnoreCase))?.Id, "by name"));
        }
        foreach (var offer in catalog.Offers.Where(o => o.GhlWorkflowId is { Length: > 0 }).OrderBy(o => o.OfferId, StringComparer.Ordinal))
        {
            mappings.Add(new GhlMappingCheck("Workflow", $"{offer.OfferId} → {offer.GhlWorkflowId}", offer.GhlWorkflowId,
                workflows.Any(w => w.Id == offer.GhlWorkflowId), "configured"));
        }

        var withoutTag = catalog.Offers
            .Where(o => string.IsNullOrWhiteSpace(configuration[$"Catalog:Offers:{o.OfferId}:GhlTag"]))
            .OrderBy(o => o.OfferId, StringComparer.Ordinal).ToList();
        var unknown = (await OfferIdsInOrdersAsync(ct)).Where(id => catalog.Find(id) is null).ToList();
        return new GhlConfigurationReport(fields, pipelines, workflows, mappings, withoutTag, unknown, log.Calls);
    }

    private static GhlMappingCheck Check(string kind, string name, string? id, string source) => new(kind, name, id, id is not null, source);

    /// <summary>
    /// The distinct offer ids of all orders by a loose index scan over <c>(offer_id, created_at, id)</c>: one index
    /// probe per distinct offer instead of reading a million rows.
    /// </summary>
    public async Task<IReadOnlyList<string>> OfferIdsInOrdersAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.SqlQuery<string>($"""
            WITH RECURSIVE offer AS (
                (SELECT offer_id FROM orders WHERE offer_id IS NOT NULL ORDER BY offer_id LIMIT 1)
                UNION ALL
                SELECT (SELECT o.offer_id FROM orders o WHERE o.offer_id > offer.offer_id ORDER BY o.offer_id LIMIT 1)
                FROM offer WHERE offer.offer_id IS NOT NULL
            )
            SELECT offer_id AS "Value" FROM offer WHERE offer_id IS NOT NULL
            """).ToListAsync(ct);
    }
}
