using Microsoft.Extensions.Options;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Integrations.Ghl;

/// <summary>
/// Resolves the location's custom field ids (by <see cref="GhlFieldKeys"/>), the "SERP Offers" pipeline and its stages
/// (by name) through the API, with <c>Ghl:FieldIds</c>, <c>Ghl:PipelineId</c> and <c>Ghl:StageIds</c> winning. The result
/// is kept for <see cref="CacheFor"/> (two requests per refresh), or until <see cref="Invalidate"/> or a configuration
/// reload. A failed lookup throws the <see cref="GhlApiException"/> and caches nothing.
/// </summary>
public sealed class GhlLocationMap(IGhlApi api, IOptionsMonitor<GhlOptions> options, TimeProvider time) : IGhlLocationMap, IDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    private static readonly string[] StageNames = [GhlStages.Lead, GhlStages.Purchase];

    private readonly SemaphoreSlim refresh = new(1, 1);
    private Cached? cached;
    private long generation;

    public async Task<GhlLocationMapping> GetAsync(CancellationToken ct)
    {
        if (Fresh() is { } mapping) return mapping;
        await refresh.WaitAsync(ct);
        try
        {
            if (Fresh() is { } again) return again;
            var settings = options.CurrentValue;
            var startedAt = Interlocked.Read(ref generation);
            var resolved = await ResolveAsync(settings, ct);
            // An Invalidate() during the lookup means the answer may already be stale: use it once, keep nothing.
            if (Interlocked.Read(ref generation) == startedAt)
            {
                Volatile.Write(ref cached, new Cached(resolved, settings, time.GetUtcNow() + CacheFor));
            }
            return resolved;
        }
        finally
        {
            refresh.Release();
        }
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        Volatile.Write(ref cached, null);
    }

    public void Dispose() => refresh.Dispose();

    private GhlLocationMapping? Fresh() =>
        Volatile.Read(ref cached) is { } c && time.GetUtcNow() < c.Expires && ReferenceEquals(c.Settings, options.CurrentValue) ? c.Mapping : null;

    private async Task<GhlLocationMapping> ResolveAsync(GhlOptions settings, CancellationToken ct)
    {
        var fields = await api.ListCustomFieldsAsync(null, ct);
        var pipelines = await api.ListPipelinesAsync(null, ct);
        var problems = new List<string>();

        var fieldIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in GhlFieldKeys.All)
        {
            if (Configured(settings.FieldIds, key) is { } id)
            {
                fieldIds[key] = id;
                if (!fields.Any(f => f.Id == id))
                {
                    problems.Add($"Ghl:FieldIds:{key} is '{id}', but the location has no custom field with that id.");
                }
            }
            else if (fields.FirstOrDefault(f => string.Equals(f.FieldKey.Trim(), key, StringComparison.OrdinalIgnoreCase)) is { } field)
            {
                fieldIds[key] = field.Id;
            }
            else
            {
                problems.Add($"The location has no custom field with key '{key}': create that contact field, or set Ghl:FieldIds:{key} to its id.");
            }
        }

        var (pipelineId, pipeline) = ResolvePipeline(settings, pipelines, problems);
        var stageIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in StageNames)
        {
            if (Configured(settings.StageIds, name) is { } id)
            {
                stageIds[name] = id;
                if (pipeline is not null && !pipeline.Stages.Any(s => s.Id == id))
                {
                    problems.Add($"Ghl:StageIds:{name} is '{id}', but the pipeline '{pipeline.Name}' has no stage with that id.");
                }
            }
            else if (pipeline?.Stages.FirstOrDefault(s => SameName(s.Name, name)) is { } stage)
            {
                stageIds[name] = stage.Id;
            }
            else if (pipeline is not null)
            {
                problems.Add($"The pipeline '{pipeline.Name}' has no stage named '{name}': add it, or set Ghl:StageIds:{name} to its id.");
            }
        }

        return new GhlLocationMapping(fieldIds, pipelineId, stageIds, problems);
    }

    private static (string? Id, GhlPipeline? Pipeline) ResolvePipeline(GhlOptions settings, IReadOnlyList<GhlPipeline> pipelines, List<string> problems)
    {
        if (!string.IsNullOrWhiteSpace(settings.PipelineId))
        {
            var configured = pipelines.FirstOrDefault(p => p.Id == settings.PipelineId);
            if (configured is null) problems.Add($"Ghl:PipelineId is '{settings.PipelineId}', but the location has no pipeline with that id.");
            return (settings.PipelineId, configured);
        }

        var named = pipelines.Where(p => SameName(p.Name, GhlStages.Pipeline)).ToList();
        switch (named.Count)
        {
            case 1:
                return (named[0].Id, named[0]);
            case 0:
                problems.Add($"The location has no pipeline named '{GhlStages.Pipeline}': create it with stages " +
                             $"'{GhlStages.Lead}' and '{GhlStages.Purchase}', or set Ghl:PipelineId to its id.");
                return (null, null);
            default:
                problems.Add($"{named.Count} pipelines are named '{GhlStages.Pipeline}': set Ghl:PipelineId to the one to use.");
                return (null, null);
        }
    }

    private static bool SameName(string actual, string wanted) => string.Equals(actual.Trim(), wanted, StringComparison.OrdinalIgnoreCase);

    /// <summary>Configuration keys are case-insensitive, but a bound dictionary is not.</summary>
    private static string? Configured(Dictionary<string, string> configured, string key) =>
        configured.FirstOrDefault(pair => string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } id
            ? id.Trim()
            : null;

    private sealed record Cached(GhlLocationMapping Mapping, GhlOptions Settings, DateTimeOffset Expires);
}
