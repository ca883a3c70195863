using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Auth;
using Serp.Admin.Features.GhlSync.Resync;
using Serp.Admin.Tests.TestData;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Tests.Integration.GhlPage;

/// <summary>Resync all failed and resync everyone: bulk bumps, roles, audit, progress, and no second bulk over a running one.</summary>
public sealed class GhlBulkResyncTests(PostgresFixture database) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    private GhlResync Resync => new(new TestDbContextFactory(database), new GhlOutbox(time), time, NullLogger<GhlResync>.Instance);

    public async Task InitializeAsync()
    {
        await using var db = database.CreateDbContext();
        await db.GhlSync.ExecuteDeleteAsync();
        await db.AuditLog.ExecuteDeleteAsync();
        db.GhlSync.AddRange(
            Enumerable.Range(0, 3).Select(i => Row($"failed{i}@example.com", GhlSyncStatus.Failed))
                .Concat(Enumerable.Range(0, 2).Select(i => Row($"synced{i}@example.com", GhlSyncStatus.Succeeded))));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private GhlSyncState Row(string email, string status) => new()
    {
        Email = email, Status = status, DesiredVersion = 1, SyncedVersion = 1, UpdatedAt = time.GetUtcNow().AddHours(-2),
        Attempts = status == GhlSyncStatus.Failed ? 9 : 0,
    };

    [Fact]
    public async Task Resync_all_failed_bumps_only_the_failed_rows_as_bulk_and_a_second_press_bumps_nothing()
    {
        var first = await Resync.ResyncFailedAsync(TestStaff.WithRole(Roles.Support), CancellationToken.None);
        var second = await Resync.ResyncFailedAsync(TestStaff.WithRole(Roles.Support), CancellationToken.None);

        Assert.Equal((GhlResyncOutcome.Queued, 3), (first.Outcome, first.Count));
        Assert.Equal(GhlResyncOutcome.AlreadyQueued, second.Outcome);
        await using var db = database.CreateDbContext();
        var rows = await db.GhlSync.AsNoTracking().OrderBy(s => s.Email).ToListAsync();
        Assert.All(rows.Where(r => r.Email.StartsWith("failed", StringComparison.Ordinal)), r =>
            Assert.Equal((GhlSyncStatus.Pending, GhlSyncPriority.Bulk, (DateTimeOffset?)time.GetUtcNow(), 2L), (r.Status, r.Priority, r.BulkRequestedAt, r.DesiredVersion)));
        Assert.All(rows.Where(r => r.Email.StartsWith("synced", StringComparison.Ordinal)), r => Assert.Equal(GhlSyncStatus.Succeeded, r.Status));
        var audit = await db.AuditLog.SingleAsync(a => a.Action == GhlResync.FailedAction);
        Assert.Equal(("support@serp.local", "succeeded"), (audit.Actor, audit.Outcome));
        Assert.Equal(3, audit.Details!.RootElement.GetProperty("customers").GetInt32());
    }

    [Fact]
    public async Task Resync_everyone_is_refused_to_support_in_the_service()
    {
        var result = await Resync.ResyncEveryoneAsync(TestStaff.WithRole(Roles.Support), CancellationToken.None);

        Assert.Equal(GhlResyncOutcome.Refused, result.Outcome);
        await using var db = database.CreateDbContext();
        Assert.Equal(3, await db.GhlSync.CountAsync(s => s.Status == GhlSyncStatus.Failed));
        Assert.Equal("refused", (await db.AuditLog.SingleAsync(a => a.Action == GhlResync.EveryoneAction)).Outcome);
    }

    [Fact]
    public async Task Resync_everyone_shows_progress_from_the_rows_and_is_not_started_twice_while_it_runs()
    {
        var admin = TestStaff.WithRole(Roles.Admin);

        var started = await Resync.ResyncEveryoneAsync(admin, CancellationToken.None);
        var again = await Resync.ResyncEveryoneAsync(admin, CancellationToken.None);

        Assert.Equal((GhlResyncOutcome.Queued, 5), (started.Outcome, started.Count));
        Assert.Equal(GhlResyncOutcome.AlreadyQueued, again.Outcome);
        await using var db = database.CreateDbContext();
        await db.GhlSync.Where(s => s.Email.StartsWith("synced")).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, GhlSyncStatus.Succeeded));
        await db.GhlSync.Where(s => s.Email == "failed0@example.com").ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, GhlSyncStatus.Failed));
        var progress = await new GhlBulkQueries(new TestDbContextFactory(database)).LatestAsync(CancellationToken.None);
        Assert.Equal((5, 3, 2, 1, false), (progress!.Total, progress.Done, progress.Succeeded, progress.Failed, progress.Finished));
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == GhlResync.EveryoneAction));
    }
}
