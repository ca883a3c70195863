using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Auth;
using Serp.Admin.Features.GhlSync.Resync;
using Serp.Admin.Tests.TestData;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Tests.Integration.GhlPage;

/// <summary>The resync buttons' service: roles checked in the service, audited, idempotent, through GhlOutbox.</summary>
public sealed class GhlResyncTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    private GhlResync Resync => new(new TestDbContextFactory(database), new GhlOutbox(time), time, NullLogger<GhlResync>.Instance);

    private async Task<string> CustomerAsync(string status = GhlSyncStatus.Succeeded)
    {
        var email = $"resync.{Guid.NewGuid():N}@example.com";
        await SupportCase.ArrangeAsync(database, email, "usd", time.GetUtcNow().AddDays(-1));
        await using var db = database.CreateDbContext();
        db.GhlSync.Add(new GhlSyncState
        {
            Email = email, Status = status, DesiredVersion = 3, SyncedVersion = 3, Priority = GhlSyncPriority.Bulk,
            Attempts = status == GhlSyncStatus.Failed ? 9 : 0, UpdatedAt = time.GetUtcNow().AddHours(-1),
            LastError = status == GhlSyncStatus.Failed ? "GHL refused the token" : null, LastHttpStatus = status == GhlSyncStatus.Failed ? 401 : null,
        });
        await db.SaveChangesAsync();
        return email;
    }

    private async Task<GhlSyncState> RowAsync(string email)
    {
        await using var db = database.CreateDbContext();
        return await db.GhlSync.AsNoTracking().SingleAsync(s => s.Email == email);
    }

    [Fact]
    public async Task Support_resync_makes_the_row_pending_fresh_and_forced_with_an_audit_entry()
    {
        var email = await CustomerAsync(GhlSyncStatus.Failed);

        var result = await Resync.ResyncCustomerAsync(TestStaff.WithRole(Roles.Support), email.ToUpperInvariant(), CancellationToken.None);

        Assert.Equal(GhlResyncOutcome.Queued, result.Outcome);
        var row = await RowAsync(email);
        Assert.Equal((GhlSyncStatus.Pending, GhlSyncPriority.Fresh, 4L, true, "support@serp.local"),
            (row.Status, row.Priority, row.DesiredVersion, row.ForcePush, row.RequestedBy));
        await using var db = database.CreateDbContext();
        var audit = await db.AuditLog.SingleAsync(a => a.Action == GhlResync.CustomerAction && a.TargetId == email);
        Assert.Equal(("support@serp.local", "customer", "succeeded"), (audit.Actor, audit.TargetType, audit.Outcome));
    }

    [Fact]
    public async Task A_viewer_is_refused_by_the_service_the_row_is_untouched_and_the_refusal_is_audited()
    {
        var email = await CustomerAsync(GhlSyncStatus.Failed);

        var result = await Resync.ResyncCustomerAsync(TestStaff.WithRole(Roles.Viewer), email, CancellationToken.None);

        Assert.Equal(GhlResyncOutcome.Refused, result.Outcome);
        var row = await RowAsync(email);
        Assert.Equal((GhlSyncStatus.Failed, 3L), (row.Status, row.DesiredVersion));
        await using var db = database.CreateDbContext();
        var audit = await db.AuditLog.SingleAsync(a => a.Action == GhlResync.CustomerAction && a.TargetId == email);
        Assert.Equal("refused", audit.Outcome);
    }

    [Fact]
    public async Task A_double_click_bumps_the_row_once()
    {
        var email = await CustomerAsync();
        var support = TestStaff.WithRole(Roles.Support);

        var results = await Task.WhenAll(
            Resync.ResyncCustomerAsync(support, email, CancellationToken.None),
            Resync.ResyncCustomerAsync(support, email, CancellationToken.None));

        Assert.Equal([GhlResyncOutcome.Queued, GhlResyncOutcome.AlreadyQueued], results.Select(r => r.Outcome).Order());
        Assert.Equal(4L, (await RowAsync(email)).DesiredVersion);
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == GhlResync.CustomerAction && a.TargetId == email));
    }

    [Fact]
    public async Task An_email_without_orders_or_checkouts_is_refused_and_nothing_is_queued()
    {
        var email = $"nobody.{Guid.NewGuid():N}@example.com";

        var result = await Resync.ResyncCustomerAsync(TestStaff.WithRole(Roles.Admin), email, CancellationToken.None);

        Assert.Equal(GhlResyncOutcome.Invalid, result.Outcome);
        await using var db = database.CreateDbContext();
        Assert.False(await db.GhlSync.AnyAsync(s => s.Email == email));
    }
}
