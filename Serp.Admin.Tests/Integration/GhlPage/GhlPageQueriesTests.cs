using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Features.GhlSync.History;
using Serp.Admin.Features.GhlSync.Status;
using Serp.Admin.Tests.TestData;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Tests.Integration.GhlPage;

/// <summary>What /ghl reads: counts, the failing list's keyset walk, a customer's attempts, throughput and error rate.</summary>
public sealed class GhlPageQueriesTests(PostgresFixture database) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Now);

    public async Task InitializeAsync()
    {
        await using var db = database.CreateDbContext();
        await db.GhlSync.ExecuteDeleteAsync();
        await db.GhlSyncAttempts.ExecuteDeleteAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static GhlSyncState Row(string email, string status, int attempts = 0, DateTimeOffset? next = null, DateTimeOffset? updated = null) => new()
    {
        Email = email, Status = status, Attempts = attempts, NextAttemptAt = next, UpdatedAt = updated ?? Now, DesiredVersion = 1,
        LastError = attempts > 0 ? "GHL answered 503" : null, LastHttpStatus = attempts > 0 ? 503 : null,
    };

    private static GhlSyncAttempt Attempt(string email, DateTimeOffset at, string outcome) => new()
    {
        Email = email, StartedAt = at, FinishedAt = at.AddMilliseconds(300), Outcome = outcome, Instance = "test",
        Calls = JsonDocument.Parse("""[{"method":"POST","path":"/contacts/upsert","status":200,"elapsedMs":120}]"""), RequestCount = 1,
        HttpStatus = outcome == GhlSyncOutcome.Retrying ? 503 : null, Error = outcome == GhlSyncOutcome.Retrying ? "GHL answered 503" : null,
    };

    [Fact]
    public async Task The_overview_counts_due_rows_apart_from_rows_waiting_for_a_retry()
    {
        await using (var db = database.CreateDbContext())
        {
            db.GhlSync.AddRange(
                Row("new@example.com", GhlSyncStatus.Pending, next: Now.AddMinutes(-1)),
                Row("due-retry@example.com", GhlSyncStatus.Pending, 2, Now.AddSeconds(-5)),
                Row("later@example.com", GhlSyncStatus.Pending, 3, Now.AddMinutes(20)),
                Row("ok@example.com", GhlSyncStatus.Succeeded),
                Row("bad@example.com", GhlSyncStatus.Failed, 9));
            await db.SaveChangesAsync();
        }

        var overview = await new GhlSyncQueries(new TestDbContextFactory(database), time).OverviewAsync(CancellationToken.None);

        Assert.Equal((2, 1, 3, 1, 1, 5), (overview.Backlog, overview.WaitingRetry, overview.Count(GhlSyncStatus.Pending),
            overview.Count(GhlSyncStatus.Succeeded), overview.Count(GhlSyncStatus.Failed), overview.Total));
    }

    [Fact]
    public async Task Walking_the_failing_list_page_by_page_gives_every_failing_row_once_in_order()
    {
        await using (var db = database.CreateDbContext())
        {
            // Ties on updated_at on purpose: the email breaks them.
            db.GhlSync.AddRange(Enumerable.Range(0, 23).Select(i => Row($"f{i:00}@example.com", GhlSyncStatus.Failed, 9, updated: Now.AddMinutes(-(i / 3)))));
            db.GhlSync.AddRange(Row("ok@example.com", GhlSyncStatus.Succeeded), Row("fresh@example.com", GhlSyncStatus.Pending, next: Now));
            await db.SaveChangesAsync();
        }
        var queries = new GhlSyncQueries(new TestDbContextFactory(database), time);
        await using var check = database.CreateDbContext();
        var expected = await check.GhlSync.Where(s => s.Status == GhlSyncStatus.Failed)
            .OrderByDescending(s => s.UpdatedAt).ThenByDescending(s => s.Email).Select(s => s.Email).ToListAsync();
        Assert.Equal(23, expected.Count);

        var walked = new List<string>();
        GhlFailingCursor? after = null;
        GhlFailingPage page;
        do
        {
            page = await queries.FailingAsync(after, 5, CancellationToken.None);
            walked.AddRange(page.Rows.Select(r => r.Email));
            after = page.Rows.Count > 0 ? page.Rows[^1].Cursor : after;
        }
        while (page.HasMore);

        Assert.Equal(expected, walked);
    }

    [Fact]
    public async Task A_customers_attempts_come_newest_first_with_their_calls_and_page_on()
    {
        await using (var db = database.CreateDbContext())
        {
            db.GhlSyncAttempts.AddRange(Enumerable.Range(0, 7).Select(i => Attempt("ada@example.com", Now.AddMinutes(-i), i == 0 ? GhlSyncOutcome.Succeeded : GhlSyncOutcome.Retrying)));
            db.GhlSyncAttempts.Add(Attempt("other@example.com", Now, GhlSyncOutcome.Succeeded));
            await db.SaveChangesAsync();
        }
        var queries = new GhlHistoryQueries(new TestDbContextFactory(database));

        var first = await queries.AttemptsAsync("Ada@Example.com", null, 5, CancellationToken.None);
        var rest = await queries.AttemptsAsync("ada@example.com", first.Rows[^1], 5, CancellationToken.None);

        Assert.Equal((5, true, 2, false), (first.Rows.Count, first.HasMore, rest.Rows.Count, rest.HasMore));
        Assert.Equal(GhlSyncOutcome.Succeeded, first.Rows[0].Outcome);
        Assert.Equal([.. Enumerable.Range(0, 7).Select(i => Now.AddMinutes(-i))], first.Rows.Concat(rest.Rows).Select(r => r.StartedAt));
        Assert.Equal(new Serp.Admin.Integrations.Ghl.GhlCall("POST", "/contacts/upsert", 200, 120), first.Rows[0].Calls.Single());
    }

    [Fact]
    public async Task Throughput_counts_synced_attempts_per_hour_and_the_error_rate_covers_the_last_hour()
    {
        await using (var db = database.CreateDbContext())
        {
            db.GhlSyncAttempts.AddRange(
                Attempt("a@example.com", Now.AddMinutes(-10), GhlSyncOutcome.Succeeded),
                Attempt("b@example.com", Now.AddMinutes(-20), GhlSyncOutcome.Unchanged),
                Attempt("c@example.com", Now.AddMinutes(-25), GhlSyncOutcome.Retrying),
                Attempt("d@example.com", Now.AddMinutes(-50), GhlSyncOutcome.Failed),
                Attempt("e@example.com", Now.AddHours(-3), GhlSyncOutcome.Succeeded),
                Attempt("f@example.com", Now.AddHours(-30), GhlSyncOutcome.Succeeded));
            await db.SaveChangesAsync();
        }

        var activity = await new GhlActivityQueries(new TestDbContextFactory(database), time).ActivityAsync(CancellationToken.None);

        Assert.Equal(24, activity.SyncedPerHour.Count);
        Assert.Equal(3, activity.Synced24h);
        Assert.Equal(2, activity.SyncedPerHour[^1].Count); // 09:00–10:00: the succeeded and the unchanged one
        Assert.Equal(1, activity.SyncedPerHour[^4].Count); // 06:00–07:00
        Assert.Equal((4, 2), (activity.AttemptsLastHour, activity.ErrorsLastHour));
    }
}
