namespace Serp.Admin.Integrations.Ghl;

/// <summary>
/// The location's ids the sync needs, resolved through the API by key and name (custom fields by field key, the
/// "SERP Offers" pipeline and its stages by name, workflows by id), with ids from configuration taking precedence.
/// Cached; <see cref="Invalidate"/> after a configuration check or a 4xx that suggests the mapping changed.
/// </summary>
public interface IGhlLocationMap
{
    Task<GhlLocationMapping> GetAsync(CancellationToken ct);

    void Invalidate();
}

/// <param name="FieldIds">Field id by field key, for the keys that were found (or configured).</param>
/// <param name="PipelineId">The pipeline's id, or null when neither configured nor found.</param>
/// <param name="StageIds">Stage id by stage name ("Lead", "Purchase").</param>
/// <param name="Problems">Plain-words findings (a field key not found, the pipeline missing, ...): empty when all is mapped.</param>
public sealed record GhlLocationMapping(
    IReadOnlyDictionary<string, string> FieldIds,
    string? PipelineId,
    IReadOnlyDictionary<string, string> StageIds,
    IReadOnlyList<string> Problems);
