using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Features.GhlSync;
using Serp.Admin.Integrations.Ghl;
using Serp.Admin.Tests.TestData;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Tests.Integration.GhlSync;

/// <summary>Claims, leases and how an attempt ends a row: against PostgreSQL, without GHL.</summary>
public sealed class GhlSyncClaimsTests(PostgresFixture database) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly GhlSyncOptions Settings = new() { Lease = TimeSpan.FromMinutes(2), MaxAttempts = 3, MaxPermanentAttempts = 2 };
    private readonly FakeTimeProvider time = new(T0);

    private GhlSyncClaims Claims => new(database.DataSource, Options.Create(Settings), time);

    private GhlSyncRecorder Recorder => new(new TestDbContextFactory(database), Options.Create(Settings), new GhlSyncInstance(), time);

    private GhlOutbox Outbox => new(time);

    // Every test starts from an empty outbox: claims take whatever is due in the table.
    public async Task InitializeAsync()
    {
        await using var db = database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM ghl_sync; DELETE FROM ghl_sync_attempts;");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task BumpAsync(string email, GhlSyncPriority priority = GhlSyncPriority.Fresh, string? by = null)
    {
        await using var db = database.CreateDbContext();
        await Outbox.BumpAsync(db, email, by, priority, CancellationToken.None);
    }

    private async Task<GhlSyncState> RowAsync(string email)
    {
        await using var db = database.CreateDbContext();
        return await db.GhlSync.AsNoTracking().SingleAsync(s => s.Email == email);
    }

    private Task<string> FinishAsync(GhlClaim claim, GhlAttemptEnd end) =>
        Recorder.FinishAsync(claim, new GhlApplyProgress(claim) { ContactId = "contact-1" }, end, new GhlCallLog(), CancellationToken.None);

    [Fact]
    public async Task Fresh_rows_are_claimed_before_older_bulk_rows_and_rows_in_backoff_wait()
    {
        await BumpAsync("bulk@example.com", GhlSyncPriority.Bulk, "ops@example.com");
        time.Advance(TimeSpan.FromMinutes(1));
        await BumpAsync("fresh@example.com");
        await BumpAsync("later@example.com");
        await using (var db = database.CreateDbContext())
        {
            await db.GhlSync.Where(s => s.Email == "later@example.com").ExecuteUpdateAsync(s => s.SetProperty(r => r.NextAttemptAt, T0.AddHours(1)));
        }

        var first = await Claims.ClaimNextAsync(CancellationToken.None);
        var second = await Claims.ClaimNextAsync(CancellationToken.None);
        var third = await Claims.ClaimNextAsync(CancellationToken.None);

        Assert.Equal("fresh@example.com", first?.Email);
        Assert.Equal("bulk@example.com", second?.Email);
        Assert.True(second!.ForcePush);
        Assert.Null(third);
        Assert.Equal((GhlSyncStatus.InProgress, 1), ((await RowAsync("fresh@example.com")).Status, (await RowAsync("fresh@example.com")).Attempts));
    }

    [Fact]
    public async Task A_held_row_is_not_claimed_again_until_its_lease_lapses_then_the_old_holder_cannot_write()
    {
        await BumpAsync("ada@example.com");
        var crashed = await Claims.ClaimNextAsync(CancellationToken.None);
        Assert.NotNull(crashed);

        Assert.Null(await Claims.ClaimNextAsync(CancellationToken.None));
        Assert.Null(await Claims.ClaimAsync("ada@example.com", CancellationToken.None));
        time.Advance(Settings.Lease + TimeSpan.FromSeconds(1));
        var takeover = await Claims.ClaimNextAsync(CancellationToken.None);

        Assert.Equal("ada@example.com", takeover?.Email);
        Assert.Equal(2, takeover!.Attempts);
        Assert.False(await Claims.RenewAsync(crashed, CancellationToken.None));
        var late = await FinishAsync(crashed, new GhlAttemptEnd(GhlSyncOutcome.Succeeded, "stale", null));
        Assert.Equal((GhlSyncStatus.InProgress, (string?)null), ((await RowAsync("ada@example.com")).Status, (await RowAsync("ada@example.com")).SyncedHash));
        Assert.Equal(GhlSyncOutcome.Retrying, late);
        await using (var db = database.CreateDbContext())
        {
            Assert.Contains("another worker", (await db.GhlSyncAttempts.SingleAsync(a => a.Email == "ada@example.com")).Error, StringComparison.Ordinal);
        }
        Assert.True(await Claims.RenewAsync(takeover, CancellationToken.None));
    }

    [Fact]
    public async Task A_bump_during_a_sync_leaves_the_row_pending_with_its_newer_version()
    {
        await BumpAsync("ada@example.com");
        var claim = await Claims.ClaimNextAsync(CancellationToken.None);
        await BumpAsync("ada@example.com");

        await FinishAsync(claim!, new GhlAttemptEnd(GhlSyncOutcome.Succeeded, "hash-1", null));

        var row = await RowAsync("ada@example.com");
        Assert.Equal((GhlSyncStatus.Pending, 2L, 1L, "hash-1", "contact-1", T0), (row.Status, row.DesiredVersion, row.SyncedVersion, row.SyncedHash, row.GhlContactId, row.NextAttemptAt));
        Assert.Equal(claim!.Email, (await Claims.ClaimNextAsync(CancellationToken.None))?.Email);
    }

    [Fact]
    public async Task Transient_failures_back_off_then_fail_with_the_last_status_and_error()
    {
        await BumpAsync("ada@example.com");
        List<(string Outcome, DateTimeOffset? Next)> seen = [];
        for (var attempt = 1; attempt <= Settings.MaxAttempts; attempt++)
        {
            time.Advance(TimeSpan.FromDays(1));
            var claim = await Claims.ClaimNextAsync(CancellationToken.None);
            Assert.NotNull(claim);
            var outcome = await FinishAsync(claim, new GhlAttemptEnd(GhlSyncOutcome.Retrying, null, $"GHL answered 503 ({attempt})", 503));
            seen.Add((outcome, (await RowAsync("ada@example.com")).NextAttemptAt));
        }

        Assert.Equal([GhlSyncOutcome.Retrying, GhlSyncOutcome.Retrying, GhlSyncOutcome.Failed], seen.Select(s => s.Outcome));
        Assert.InRange(seen[0].Next!.Value - time.GetUtcNow().AddDays(-2), TimeSpan.FromSeconds(47), TimeSpan.FromSeconds(73));
        var row = await RowAsync("ada@example.com");
        Assert.Equal((GhlSyncStatus.Failed, 503, "GHL answered 503 (3)", (DateTimeOffset?)null), (row.Status, row.LastHttpStatus, row.LastError, row.NextAttemptAt));
        await using var db = database.CreateDbContext();
        Assert.Equal(3, await db.GhlSyncAttempts.CountAsync(a => a.Email == "ada@example.com"));
    }

    [Fact]
    public async Task A_refused_request_fails_sooner_than_an_outage()
    {
        await BumpAsync("ada@example.com");
        List<string> outcomes = [];
        for (var attempt = 1; attempt <= Settings.MaxPermanentAttempts; attempt++)
        {
            time.Advance(TimeSpan.FromDays(1));
            var claim = await Claims.ClaimNextAsync(CancellationToken.None);
            outcomes.Add(await FinishAsync(claim!, new GhlAttemptEnd(GhlSyncOutcome.Retrying, null, "GHL refused the token (401)", 401, Transient: false)));
        }

        Assert.Equal([GhlSyncOutcome.Retrying, GhlSyncOutcome.Failed], outcomes);
    }

    [Fact]
    public async Task A_429_waits_as_long_as_ghl_asked_and_never_uses_up_the_attempts()
    {
        await BumpAsync("ada@example.com");
        List<string> outcomes = [];
        for (var attempt = 1; attempt <= Settings.MaxAttempts + 2; attempt++)
        {
            time.Advance(TimeSpan.FromHours(1));
            var claim = await Claims.ClaimNextAsync(CancellationToken.None);
            outcomes.Add(await FinishAsync(claim!, new GhlAttemptEnd(GhlSyncOutcome.Retrying, null, "Rate limited", 429, RetryAfter: TimeSpan.FromMinutes(30))));
        }

        Assert.All(outcomes, outcome => Assert.Equal(GhlSyncOutcome.Retrying, outcome));
        var row = await RowAsync("ada@example.com");
        Assert.Equal((0, time.GetUtcNow().AddMinutes(30)), (row.Attempts, row.NextAttemptAt));
    }

    [Fact]
    public void Default_retries_spread_over_more_than_a_day()
    {
        Assert.True(new GhlSyncOptions().ShortestRetryWindow > TimeSpan.FromHours(24));
        Assert.True(new GhlSyncOptions { MaxAttempts = 10 }.ShortestRetryWindow < TimeSpan.FromHours(24));
    }
}
