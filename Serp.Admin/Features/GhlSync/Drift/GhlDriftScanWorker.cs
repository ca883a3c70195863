using Microsoft.EntityFrameworkCore;
using Serp.Admin.Integrations.Ghl;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Features.GhlSync.Drift;

/// <summary>
/// Runs queued drift scans: claims one (<c>FOR UPDATE SKIP LOCKED</c>, with a lease that a crashed instance lets run
/// out, after which another starts the scan again), checks each customer through <see cref="GhlDriftCheck"/> (the
/// client keeps every request within the shared budget), and stores the drifted ones with the progress.
/// </summary>
public sealed class GhlDriftScanWorker(
    IDbContextFactory<SerpDbContext> dbFactory, GhlDriftCheck drift, IGhlApi api, TimeProvider time, ILogger<GhlDriftScanWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (api.IsConfigured && await RunOneAsync(stoppingToken)) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One failed scan must not stop the worker.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "A GHL drift scan failed");
            }
            await Task.Delay(Poll, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Claims and runs one scan; false when none was waiting.</summary>
    public async Task<bool> RunOneAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        long? id;
        int? sample;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var claimed = await db.Database.SqlQuery<ClaimedScan>($"""
                UPDATE ghl_drift_scans SET status = 'running', locked_until = {now + Lease}, checked = 0, drifted = 0, total = 0
                WHERE id = (SELECT id FROM ghl_drift_scans
                            WHERE status = 'queued' OR (status = 'running' AND locked_until < {now})
                            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id, sample_size
                """).ToListAsync(ct);
            if (claimed.Count == 0) return false;
            (id, sample) = (claimed[0].Id, claimed[0].SampleSize);
            // A scan taken over from a crashed instance starts again from nothing.
            await db.GhlDriftFindings.Where(f => f.ScanId == id).ExecuteDeleteAsync(ct);
        }
        logger.LogInformation("GHL drift scan {ScanId} started", id);
        try
        {
            var emails = await EmailsAsync(sample, ct);
            await UpdateAsync(id.Value, s => s.SetProperty(x => x.Total, emails.Count), ct);
            var (checkedCount, drifted) = (0, 0);
            foreach (var email in emails)
            {
                var report = await drift.CheckAsync(email, ct);
                checkedCount++;
                if (report is { Verdict: null, Drifted: true })
                {
                    drifted++;
                    await SaveFindingAsync(id.Value, report, ct);
                }
                var lease = time.GetUtcNow() + Lease;
                await UpdateAsync(id.Value, s => s.SetProperty(x => x.Checked, checkedCount).SetProperty(x => x.Drifted, drifted).SetProperty(x => x.LockedUntil, lease), ct);
            }
            var finished = time.GetUtcNow();
            await UpdateAsync(id.Value, s => s.SetProperty(x => x.Status, GhlDriftScanStatus.Finished).SetProperty(x => x.FinishedAt, finished)
                .SetProperty(x => x.LockedUntil, (DateTimeOffset?)null), ct);
            logger.LogInformation("GHL drift scan {ScanId} finished: {Checked} checked, {Drifted} drifted", id, checkedCount, drifted);
        }
        catch (GhlApiException ex) when (!ex.IsTransient)
        {
            var finished = time.GetUtcNow();
            await UpdateAsync(id.Value, s => s.SetProperty(x => x.Status, GhlDriftScanStatus.Failed).SetProperty(x => x.FinishedAt, finished)
                .SetProperty(x => x.Error, ex.Message).SetProperty(x => x.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
            logger.LogWarning("GHL drift scan {ScanId} stopped: GHL answered {Status}", id, ex.StatusCode);
        }
        return true;
    }

    /// <summary>Synced customers only: a sample at random, or every one (read in keyset batches).</summary>
    private async Task<List<string>> EmailsAsync(int? sample, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (sample is { } n)
        {
            return await db.Database.SqlQuery<string>($"SELECT email AS \"Value\" FROM ghl_sync WHERE status = 'succeeded' ORDER BY random() LIMIT {n}").ToListAsync(ct);
        }
        var all = new List<string>();
        string last = "";
        while (true)
        {
            var batch = await db.Database.SqlQuery<string>(
                $"SELECT email AS \"Value\" FROM ghl_sync WHERE status = 'succeeded' AND email > {last} ORDER BY email LIMIT {Batch}").ToListAsync(ct);
            all.AddRange(batch);
            if (batch.Count < Batch) return all;
            last = batch[^1];
        }
    }

    private async Task SaveFindingAsync(long scanId, GhlDriftReport report, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.GhlDriftFindings.Add(new GhlDriftFinding
        {
            ScanId = scanId, Email = report.Email, ContactId = report.ContactId, Differences = report.Differences,
            Summary = GhlDriftSummary.Of(report), CheckedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
    }

    private async Task UpdateAsync(long id, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<GhlDriftScan>> set, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.GhlDriftScans.Where(s => s.Id == id).ExecuteUpdateAsync(set, ct);
    }

    private sealed class ClaimedScan
    {
        public long Id { get; init; }
        public int? SampleSize { get; init; }
    }
}
