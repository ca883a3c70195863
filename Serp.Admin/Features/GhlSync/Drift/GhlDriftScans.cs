using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Serp.Admin.Auth;
using Serp.Domain.Audit;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Features.GhlSync.Drift;

public sealed record GhlDriftScanView(GhlDriftScan Scan, IReadOnlyList<GhlDriftFinding> Findings);

/// <summary>
/// Starts drift scans (a sample: Support; everyone: Admin; audited as <c>ghl.drift_scan</c>) and reads the latest one
/// with its findings. The scan itself runs in <see cref="GhlDriftScanWorker"/> on whichever instance claims it.
/// </summary>
public sealed class GhlDriftScans(IDbContextFactory<SerpDbContext> dbFactory, TimeProvider time)
{
    public const string AuditAction = "ghl.drift_scan";
    public const int DefaultSample = 50;
    public const int MaxFindingsShown = 200;

    /// <returns>The scan that will run (an earlier one still queued or running is returned instead of a second), or the refusal.</returns>
    public async Task<(GhlDriftScan? Scan, string Message)> StartAsync(ClaimsPrincipal user, int? sampleSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var role = sampleSize is null ? Roles.Admin : Roles.Support;
        if (!StaffIdentity.HasAtLeast(user, role))
        {
            return (null, sampleSize is null ? "Only an Admin can scan every customer." : "Only Support and Admin staff can start a drift scan.");
        }
        if (sampleSize is < 1 or > 10_000) return (null, "The sample is between 1 and 10,000 customers.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({AuditAction}, 0))", ct);
        if (await db.GhlDriftScans.AsNoTracking()
                .Where(s => s.Status == GhlDriftScanStatus.Queued || s.Status == GhlDriftScanStatus.Running)
                .OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct) is { } open)
        {
            return (open, "A drift scan is already under way.");
        }
        var scan = new GhlDriftScan
        {
            RequestedAt = time.GetUtcNow(), RequestedBy = StaffIdentity.Actor(user), SampleSize = sampleSize, Status = GhlDriftScanStatus.Queued,
        };
        db.GhlDriftScans.Add(scan);
        await db.SaveChangesAsync(ct);
        db.AuditLog.Add(new AuditEntry
        {
            At = scan.RequestedAt, Actor = scan.RequestedBy, Action = AuditAction, TargetType = "ghl_sync", TargetId = scan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Details = JsonSerializer.SerializeToDocument(new { sample = sampleSize }), Outcome = "succeeded",
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (scan, sampleSize is null ? "Drift scan of every synced customer queued." : $"Drift scan of {sampleSize} random synced customers queued.");
    }

    public async Task<GhlDriftScanView?> LatestAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scan = await db.GhlDriftScans.AsNoTracking().OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct);
        if (scan is null) return null;
        var findings = await db.GhlDriftFindings.AsNoTracking().Where(f => f.ScanId == scan.Id)
            .OrderBy(f => f.Email).Take(MaxFindingsShown).ToListAsync(ct);
        return new GhlDriftScanView(scan, findings);
    }
}
