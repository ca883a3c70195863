using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;
using Serp.Domain.Reconciliation;

namespace Serp.Admin.Reconciliation;

/// <summary>A reconciliation run as /monitoring shows it.</summary>
public sealed record ReconciliationRunRow(
    string Provider, string Actor, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Outcome,
    int Listed, int Applied, int Queued, int Failed, string Message);

/// <summary>The record of each reconciliation run (<c>reconciliation_runs</c>): written by the runner, read by /monitoring.</summary>
public sealed class ReconciliationRuns(IDbContextFactory<SerpDbContext> dbFactory)
{
    internal async Task RecordAsync(ReconciliationResult result, string actor, DateTimeOffset finishedAt, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ReconciliationRuns.Add(new ReconciliationRun
        {
            Provider = result.Provider,
            Actor = actor,
            StartedAt = result.StartedAt,
            FinishedAt = finishedAt,
            Outcome = result.OutcomeCode,
            Listed = result.Listed,
            Applied = result.Applied,
            Queued = result.EventsQueued,
            Failed = result.Failed,
            Message = result.Message,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The newest <paramref name="perProvider"/> runs of each provider, newest first.</summary>
    public async Task<IReadOnlyList<ReconciliationRunRow>> RecentAsync(int perProvider, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var providers = await db.ReconciliationRuns.AsNoTracking().Select(r => r.Provider).Distinct().ToListAsync(ct);
        var rows = new List<ReconciliationRunRow>();
        foreach (var provider in providers.Order(StringComparer.Ordinal))
        {
            rows.AddRange(await db.ReconciliationRuns.AsNoTracking()
                .Where(r => r.Provider == provider)
                .OrderByDescending(r => r.StartedAt)
                .Take(perProvider)
                .Select(r => new ReconciliationRunRow(r.Provider, r.Actor, r.StartedAt, r.FinishedAt, r.Outcome, r.Listed, r.Applied,
                    r.Queued, r.Failed, r.Message))
                .ToListAsync(ct));
        }
        return rows;
    }
}
