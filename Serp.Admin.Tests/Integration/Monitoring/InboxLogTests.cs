using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Features.Monitoring.Inbox;
using Serp.Admin.Tests.TestData;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Tests.Integration.Monitoring;

/// <summary>The inbox log's filters and keyset pages, and Replay all failed, over one seeded inbox.</summary>
public sealed class InboxLogTests(PostgresFixture database) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly InboxLogQueries queries = new(new TestDbContextFactory(database));

    public async Task InitializeAsync()
    {
        await using var db = database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("TRUNCATE webhook_events, audit_log");
        // 60 events over 3 days: both providers, every status, two types.
        for (var i = 0; i < 60; i++)
        {
            var e = AlertSeed.Event(i % 3 == 0 ? "paypal" : "stripe", Day.AddHours(i * 1.2), (i % 4) switch
            {
                0 => WebhookEventStatus.Processed,
                1 => WebhookEventStatus.Failed,
                2 => WebhookEventStatus.Ignored,
                _ => WebhookEventStatus.Received,
            });
            e.EventType = i % 2 == 0 ? "charge.refunded" : "checkout.session.completed";
            if (e.Status == WebhookEventStatus.Failed)
            {
                e.Attempts = 8;
                e.LastError = "StripePayloadException: no charge";
            }
            db.WebhookEvents.Add(e);
        }
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<InboxRow>> AllAsync(InboxFilter filter)
    {
        List<InboxRow> rows = [];
        long? older = null;
        while (true)
        {
            var page = await queries.PageAsync(filter, older, null, 7, CancellationToken.None);
            rows.AddRange(page.Rows);
            if (!page.HasOlder) return rows;
            older = page.Rows[^1].Id;
        }
    }

    public static TheoryData<string?, string?, string?, int?, int?> Filters => new()
    {
        { "paypal", null, null, null, null },
        { null, "failed", null, null, null },
        { null, null, "charge.refunded", null, null },
        { null, null, null, 1, 2 },
        { "stripe", "received", "checkout.session.completed", 0, 3 },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_walks_exactly_the_matching_events_newest_first(string? provider, string? status, string? type, int? fromDay, int? toDay)
    {
        var filter = new InboxFilter(provider, type, status,
            fromDay is { } f ? Day.AddDays(f) : null, toDay is { } t ? Day.AddDays(t) : null);
        await using var db = database.CreateDbContext();
        var everything = await db.WebhookEvents.AsNoTracking().OrderByDescending(e => e.Id).ToListAsync();
        var expected = everything.Where(e => (provider is null || e.Provider == provider) && (status is null || e.Status == status)
                                             && (type is null || e.EventType == type)
                                             && (filter.From is null || e.ReceivedAt >= filter.From) && (filter.To is null || e.ReceivedAt < filter.To))
            .Select(e => e.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < everything.Count, "some events do not match");

        Assert.Equal(expected, (await AllAsync(filter)).Select(r => r.Id));
    }

    [Fact]
    public async Task Newer_pages_walk_back_to_the_newest()
    {
        var filter = new InboxFilter(null, null, null, null, null);
        var first = await queries.PageAsync(filter, null, null, 10, CancellationToken.None);
        var second = await queries.PageAsync(filter, first.Rows[^1].Id, null, 10, CancellationToken.None);

        var back = await queries.PageAsync(filter, null, second.Rows[0].Id, 10, CancellationToken.None);

        Assert.False(first.HasNewer);
        Assert.True(second.HasNewer);
        Assert.Equal(first.Rows.Select(r => r.Id), back.Rows.Select(r => r.Id));
        Assert.False(back.HasNewer);
        Assert.True(back.HasOlder);
    }

    [Fact]
    public async Task The_payload_is_indented_json()
    {
        var row = (await queries.PageAsync(new InboxFilter(null, null, null, null, null), null, null, 1, CancellationToken.None)).Rows[0];
        await using (var db = database.CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE webhook_events SET payload = '{{\"id\":\"evt_1\",\"data\":{{\"object\":{{\"amount\":100}}}}}}'::jsonb WHERE id = {row.Id}");
        }

        var payload = await queries.PayloadAsync(row.Id, CancellationToken.None);

        Assert.Equal("{\n  \"id\": \"evt_1\",\n  \"data\": {\n    \"object\": {\n      \"amount\": 100\n    }\n  }\n}", payload?.ReplaceLineEndings("\n"));
        Assert.Null(await queries.PayloadAsync(-1, CancellationToken.None));
    }

    [Fact]
    public async Task Replay_all_failed_queues_every_failed_event_in_one_audited_step_and_reports_progress()
    {
        var time = new FakeTimeProvider(Day.AddDays(5));
        using var signal = new WebhookSignal();
        var replay = new WebhookReplay(new TestDbContextFactory(database), signal, time);
        await using (var before = database.CreateDbContext())
        {
            Assert.Equal(15, await before.WebhookEvents.CountAsync(e => e.Status == WebhookEventStatus.Failed));
        }

        var ids = await replay.ReplayAllFailedAsync("admin@example.com", CancellationToken.None);

        Assert.Equal(15, ids.Count);
        Assert.Equal(new ReplayProgress(15, 0, 15, 0), await replay.ProgressAsync(ids, CancellationToken.None));
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(0, await db.WebhookEvents.CountAsync(e => e.Status == WebhookEventStatus.Failed));
            var audit = Assert.Single(await db.AuditLog.Where(a => a.Action == "webhook.replay_all_failed").ToListAsync());
            Assert.Equal("admin@example.com", audit.Actor);
            Assert.Equal(15, audit.Details!.RootElement.GetProperty("count").GetInt32());
            // The processor applies some, one fails again.
            long[] applied = [.. ids.Take(10)];
            await db.WebhookEvents.Where(e => applied.Contains(e.Id)).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, WebhookEventStatus.Processed));
            await db.WebhookEvents.Where(e => e.Id == ids[10]).ExecuteUpdateAsync(u => u.SetProperty(e => e.Attempts, 1));
        }
        Assert.Equal(new ReplayProgress(15, 10, 4, 1), await replay.ProgressAsync(ids, CancellationToken.None));
        Assert.Empty(await replay.ReplayAllFailedAsync("admin@example.com", CancellationToken.None));
    }
}
