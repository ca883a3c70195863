using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Features.Monitoring;
using Serp.Admin.Features.Monitoring.Refusals;
using Serp.Admin.Tests.TestData;
using Serp.Admin.Webhooks;

namespace Serp.Admin.Tests.Integration.Monitoring;

public sealed class WebhookRefusalPersistenceTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 15, 0, 10, TimeSpan.Zero);

    [Fact]
    public async Task A_flood_of_refusals_is_written_as_one_counter_per_provider_reason_and_minute()
    {
        var time = new FakeTimeProvider(Start);
        var buffer = new WebhookRefusalBuffer(time);
        var metrics = new WebhookMetrics(buffer);
        var flusher = new WebhookRefusalFlusher(buffer, new TestDbContextFactory(database),
            Options.Create(new MonitoringOptions()), time, NullLogger<WebhookRefusalFlusher>.Instance);

        await Parallel.ForAsync(0, 5000, (i, _) =>
        {
            metrics.Rejected("stripe", i % 5 == 0 ? "missing_signature" : "bad_signature");
            return ValueTask.CompletedTask;
        });
        time.Advance(TimeSpan.FromMinutes(1));
        metrics.Rejected("stripe", "bad_signature");
        metrics.Rejected("paypal", "verification_failed");
        await flusher.FlushAsync(CancellationToken.None);
        // A second instance (or the next flush) adds to the same rows.
        metrics.Rejected("stripe", "bad_signature");
        await flusher.FlushAsync(CancellationToken.None);

        await using var db = database.CreateDbContext();
        var minute = new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);
        var rows = await db.WebhookRefusals.Where(r => r.Minute < minute.AddDays(1)).OrderBy(r => r.Minute).ThenBy(r => r.Provider).ThenBy(r => r.Reason)
            .Select(r => new { r.Provider, r.Reason, r.Minute, r.Count }).ToListAsync();
        Assert.Equal(
            [
                new { Provider = "stripe", Reason = "bad_signature", Minute = minute, Count = 4000L },
                new { Provider = "stripe", Reason = "missing_signature", Minute = minute, Count = 1000L },
                new { Provider = "paypal", Reason = "verification_failed", Minute = minute.AddMinutes(1), Count = 1L },
                new { Provider = "stripe", Reason = "bad_signature", Minute = minute.AddMinutes(1), Count = 2L },
            ],
            rows);
    }

    [Fact]
    public async Task The_monitoring_page_reads_refusals_per_provider_and_reason_since_a_time()
    {
        var time = new FakeTimeProvider(Start.AddDays(3));
        var buffer = new WebhookRefusalBuffer(time);
        var metrics = new WebhookMetrics(buffer);
        metrics.Rejected("stripe", "malformed");
        time.Advance(TimeSpan.FromMinutes(5));
        metrics.Rejected("stripe", "malformed");
        metrics.Rejected("paypal", "missing_header");
        await new WebhookRefusalFlusher(buffer, new TestDbContextFactory(database), Options.Create(new MonitoringOptions()), time,
            NullLogger<WebhookRefusalFlusher>.Instance).FlushAsync(CancellationToken.None);

        var rows = await new WebhookMonitoringQueries(new TestDbContextFactory(database), time)
            .RefusalsAsync(Start.AddDays(3).AddMinutes(-1), CancellationToken.None);

        Assert.Equal(
            [
                new RefusalRow("paypal", "missing_header", 1, time.GetUtcNow().AddSeconds(-10)),
                new RefusalRow("stripe", "malformed", 2, time.GetUtcNow().AddSeconds(-10)),
            ],
            rows);
    }

    [Fact]
    public async Task Counts_survive_a_flush_that_fails_and_are_written_by_the_next()
    {
        var time = new FakeTimeProvider(Start.AddDays(1));
        var buffer = new WebhookRefusalBuffer(time);
        var metrics = new WebhookMetrics(buffer);
        metrics.Rejected("stripe", "too_large");
        metrics.Rejected("stripe", "too_large");
        var options = Options.Create(new MonitoringOptions());
        var failing = new WebhookRefusalFlusher(buffer, new UnreachableDbContextFactory(), options, time, NullLogger<WebhookRefusalFlusher>.Instance);

        await Assert.ThrowsAnyAsync<Exception>(() => failing.FlushAsync(CancellationToken.None));
        metrics.Rejected("stripe", "too_large");
        await new WebhookRefusalFlusher(buffer, new TestDbContextFactory(database), options, time, NullLogger<WebhookRefusalFlusher>.Instance)
            .FlushAsync(CancellationToken.None);

        await using var db = database.CreateDbContext();
        Assert.Equal(3, await db.WebhookRefusals.Where(r => r.Reason == "too_large").SumAsync(r => r.Count));
    }

    [Fact]
    public async Task Refusals_counted_in_memory_when_the_app_stops_are_written_by_its_last_flush()
    {
        var settings = Webhooks.WebhookAppFixture.Settings();
        settings["Monitoring:RefusalFlushInterval"] = "00:05:00"; // no periodic flush while the test runs
        var app = new AdminAppFactory(database.ConnectionString, settings: settings);
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        using (var client = app.CreateClient())
        {
            for (var i = 0; i < 3; i++)
            {
                using var refused = await Webhooks.StripeDelivery.DeliverAsync(client, """{"id":"evt_forged"}""", signature: "t=1,v1=forged");
                Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
            }
        }
        Assert.Equal(0, await RefusedSinceAsync(since)); // still in memory

        await app.DisposeAsync(); // stops the host as a deployment would

        Assert.Equal(3, await RefusedSinceAsync(since));
    }

    private async Task<long> RefusedSinceAsync(DateTimeOffset since)
    {
        await using var db = database.CreateDbContext();
        var until = since.AddMinutes(10);
        return await db.WebhookRefusals.Where(r => r.Provider == "stripe" && r.Reason == "bad_signature" && r.Minute >= since.AddMinutes(-1) && r.Minute < until)
            .SumAsync(r => r.Count);
    }

    /// <summary>A database that refuses connections (nothing listens on port 1).</summary>
    private sealed class UnreachableDbContextFactory : IDbContextFactory<Serp.Domain.Data.SerpDbContext>
    {
        public Serp.Domain.Data.SerpDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<Serp.Domain.Data.SerpDbContext>()
                .UseNpgsql("Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2").UseSnakeCaseNamingConvention().Options);
    }
}
