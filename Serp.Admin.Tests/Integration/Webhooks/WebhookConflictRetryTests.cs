using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serp.Admin.Features.Monitoring.Refusals;
using Serp.Admin.Tests.TestData;
using Serp.Admin.Webhooks;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Data;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Tests.Integration.Webhooks;

/// <summary>
/// An event whose purchase another loop changed first (the orders' xmin refused the write) is applied again at once,
/// not failed into a backoff: a PayPal approval and a refund of the same order, processed side by side, left the
/// approval waiting with a concurrency error and the order without its offer and affiliate.
/// </summary>
public sealed class WebhookConflictRetryTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private const string Provider = "conflict-test";

    [Fact]
    public async Task A_conflict_with_a_concurrent_change_is_applied_again_at_once()
    {
        var id = await StoreAsync();
        var handler = new ConflictingHandler(conflicts: 1);

        Assert.True(await Processor(handler).ProcessNextAsync(CancellationToken.None));

        Assert.Equal(2, handler.Calls);
        await using var db = database.CreateDbContext();
        var row = await db.WebhookEvents.SingleAsync(e => e.Id == id);
        Assert.Equal(WebhookEventStatus.Processed, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.LastError);
    }

    [Fact]
    public async Task A_conflict_that_keeps_coming_back_is_a_failure_with_backoff()
    {
        var id = await StoreAsync();
        var handler = new ConflictingHandler(conflicts: int.MaxValue);

        Assert.True(await Processor(handler).ProcessNextAsync(CancellationToken.None));

        Assert.Equal(3, handler.Calls);
        await using var db = database.CreateDbContext();
        var row = await db.WebhookEvents.SingleAsync(e => e.Id == id);
        Assert.Equal(WebhookEventStatus.Received, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.StartsWith(nameof(DbUpdateConcurrencyException), row.LastError, StringComparison.Ordinal);
        Assert.NotNull(row.NextAttemptAt);
    }

    private WebhookProcessor Processor(IWebhookHandler handler) =>
        new(new TestDbContextFactory(database), [handler], new WebhookSignal(), new WebhookMetrics(new WebhookRefusalBuffer(TimeProvider.System)),
            Options.Create(new WebhookProcessingOptions()), TimeProvider.System, NullLogger<WebhookProcessor>.Instance);

    /// <summary>Stores one due event of the test's provider; earlier tests' events are processed or backed off by then.</summary>
    private async Task<long> StoreAsync()
    {
        await using var db = database.CreateDbContext();
        await db.WebhookEvents.Where(e => e.Provider == Provider).ExecuteDeleteAsync();
        var row = new WebhookEvent
        {
            Provider = Provider,
            EventId = $"evt_conflict_{Guid.NewGuid():N}",
            EventType = "purchase.changed",
            Payload = JsonDocument.Parse("{}"),
            Status = WebhookEventStatus.Received,
            ReceivedAt = DateTimeOffset.UtcNow,
        };
        db.WebhookEvents.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    /// <summary>Throws EF's concurrency exception (what the orders' xmin token raises) the first <paramref name="conflicts"/> times.</summary>
    private sealed class ConflictingHandler(int conflicts) : IWebhookHandler
    {
        public int Calls { get; private set; }

        public string Provider => WebhookConflictRetryTests.Provider;

        public Task<HandleOutcome> HandleAsync(SerpDbContext db, WebhookEvent webhookEvent, CancellationToken ct)
        {
            Calls++;
            if (Calls <= conflicts) throw new DbUpdateConcurrencyException("The database operation was expected to affect 1 row(s), but actually affected 0 row(s).");
            return Task.FromResult(HandleOutcome.Processed);
        }
    }
}
