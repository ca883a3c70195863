using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Tests.Integration.GhlSync;

/// <summary>The GHL outbox: what a bump does to a customer's row, alone and in bulk.</summary>
public sealed class GhlOutboxTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(T0);

    private GhlOutbox Outbox => new(time);

    private static string NewEmail() => $"outbox.{Guid.NewGuid():N}@example.com";

    private async Task BumpAsync(string email, string? by = null, GhlSyncPriority priority = GhlSyncPriority.Fresh)
    {
        await using var db = database.CreateDbContext();
        await Outbox.BumpAsync(db, email, by, priority, CancellationToken.None);
    }

    private async Task<GhlSyncState> RowAsync(string email)
    {
        await using var db = database.CreateDbContext();
        return await db.GhlSync.AsNoTracking().SingleAsync(s => s.Email == email);
    }

    private async Task SetAsync(string email, string status, int attempts = 0, DateTimeOffset? next = null, GhlSyncPriority priority = GhlSyncPriority.Fresh)
    {
        await using var db = database.CreateDbContext();
        await db.GhlSync.Where(s => s.Email == email).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status).SetProperty(r => r.Attempts, attempts)
            .SetProperty(r => r.NextAttemptAt, next).SetProperty(r => r.Priority, priority));
    }

    [Fact]
    public async Task A_first_bump_makes_a_fresh_pending_row_due_now_under_the_email_key()
    {
        var email = NewEmail();

        await BumpAsync("  " + email.ToUpperInvariant() + " ");

        var row = await RowAsync(email);
        Assert.Equal((GhlSyncStatus.Pending, 1L, 0L, GhlSyncPriority.Fresh, T0, false), (row.Status, row.DesiredVersion, row.SyncedVersion, row.Priority, row.NextAttemptAt, row.ForcePush));
    }

    [Fact]
    public async Task A_bump_raises_the_version_and_clears_a_retry_backoff()
    {
        var email = NewEmail();
        await BumpAsync(email);
        await SetAsync(email, GhlSyncStatus.Pending, attempts: 5, next: T0.AddHours(3));
        time.Advance(TimeSpan.FromMinutes(1));

        await BumpAsync(email);

        var row = await RowAsync(email);
        Assert.Equal((2L, 0, T0.AddMinutes(1)), (row.DesiredVersion, row.Attempts, row.NextAttemptAt));
    }

    [Fact]
    public async Task A_row_being_synced_stays_in_progress_with_the_newer_version()
    {
        var email = NewEmail();
        await BumpAsync(email);
        await SetAsync(email, GhlSyncStatus.InProgress, attempts: 1, next: T0);

        await BumpAsync(email);

        var row = await RowAsync(email);
        Assert.Equal((GhlSyncStatus.InProgress, 2L, 1), (row.Status, row.DesiredVersion, row.Attempts));
    }

    [Fact]
    public async Task A_fresh_bump_lifts_a_bulk_row_and_a_bulk_bump_never_lowers_a_fresh_one()
    {
        var waitingBulk = NewEmail();
        var waitingFresh = NewEmail();
        var done = NewEmail();
        foreach (var email in new[] { waitingBulk, waitingFresh, done }) await BumpAsync(email);
        await SetAsync(waitingBulk, GhlSyncStatus.Pending, priority: GhlSyncPriority.Bulk, next: T0);
        await SetAsync(done, GhlSyncStatus.Succeeded);

        await BumpAsync(waitingBulk, priority: GhlSyncPriority.Fresh);
        await BumpAsync(waitingFresh, "ops@example.com", GhlSyncPriority.Bulk);
        await BumpAsync(done, "ops@example.com", GhlSyncPriority.Bulk);

        Assert.Equal(GhlSyncPriority.Fresh, (await RowAsync(waitingBulk)).Priority);
        Assert.Equal(GhlSyncPriority.Fresh, (await RowAsync(waitingFresh)).Priority);
        Assert.Equal((GhlSyncStatus.Pending, GhlSyncPriority.Bulk), ((await RowAsync(done)).Status, (await RowAsync(done)).Priority));
    }

    [Fact]
    public async Task Only_an_operators_bump_forces_a_full_push()
    {
        var ledger = NewEmail();
        var operatorAsked = NewEmail();

        await BumpAsync(ledger);
        await BumpAsync(operatorAsked, "ops@example.com");
        await BumpAsync(operatorAsked);

        Assert.False((await RowAsync(ledger)).ForcePush);
        var row = await RowAsync(operatorAsked);
        Assert.True(row.ForcePush);
        Assert.Null(row.RequestedBy);
    }

    [Fact]
    public async Task Resync_all_failed_bumps_the_failed_rows_only_and_stamps_the_bulk()
    {
        var failed = NewEmail();
        var succeeded = NewEmail();
        await BumpAsync(failed);
        await BumpAsync(succeeded);
        await SetAsync(failed, GhlSyncStatus.Failed, attempts: 14);
        await SetAsync(succeeded, GhlSyncStatus.Succeeded);
        await using var db = database.CreateDbContext();
        Assert.Contains(await db.GhlSync.Where(s => s.Status == GhlSyncStatus.Failed).Select(s => s.Email).ToListAsync(), e => e == failed);
        time.Advance(TimeSpan.FromMinutes(5));

        var bumped = await Outbox.BumpManyAsync(db, GhlBulkScope.Failed, "admin@example.com", GhlSyncPriority.Bulk, CancellationToken.None);

        Assert.Equal(await db.GhlSync.CountAsync(s => s.BulkRequestedAt == T0.AddMinutes(5)), bumped);
        var row = await RowAsync(failed);
        Assert.Equal((GhlSyncStatus.Pending, 0, GhlSyncPriority.Bulk, T0.AddMinutes(5), true), (row.Status, row.Attempts, row.Priority, row.BulkRequestedAt, row.ForcePush));
        Assert.Equal((GhlSyncStatus.Succeeded, (DateTimeOffset?)null), ((await RowAsync(succeeded)).Status, (await RowAsync(succeeded)).BulkRequestedAt));
    }

    [Fact]
    public async Task Resync_everyone_covers_buyers_and_abandoned_checkouts_but_not_open_ones()
    {
        var n = Guid.NewGuid().ToString("N")[..10];
        var buyer = $"Buyer.{n}@Example.com";
        var abandoner = $"abandoner.{n}@example.com";
        var browsing = $"browsing.{n}@example.com";
        await using (var db = database.CreateDbContext())
        {
            db.Orders.Add(new Serp.Domain.Orders.Order
            {
                Id = Guid.NewGuid(), Currency = "usd", PaymentStatus = "paid", Source = "stripe", CustomerEmail = buyer, AmountTotal = 100,
                CreatedAt = T0, UpdatedAt = T0, PaidAt = T0,
            });
            db.CheckoutSessions.Add(new Serp.Domain.Checkout.CheckoutSession { Id = Guid.NewGuid(), Status = "abandoned", Source = "stripe", CustomerEmail = abandoner, OfferId = "offer-bundle", CreatedAt = T0, UpdatedAt = T0 });
            db.CheckoutSessions.Add(new Serp.Domain.Checkout.CheckoutSession { Id = Guid.NewGuid(), Status = "pending", Source = "stripe", CustomerEmail = browsing, OfferId = "offer-bundle", CreatedAt = T0, UpdatedAt = T0 });
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateDbContext())
        {
            await Outbox.BumpManyAsync(db, GhlBulkScope.Everyone, "admin@example.com", GhlSyncPriority.Bulk, CancellationToken.None);
        }

        await using var read = database.CreateDbContext();
        var emails = await read.GhlSync.Select(s => s.Email).ToListAsync();
        Assert.Contains(buyer.ToLowerInvariant(), emails);
        Assert.Contains(abandoner, emails);
        Assert.DoesNotContain(browsing, emails);
    }
}
