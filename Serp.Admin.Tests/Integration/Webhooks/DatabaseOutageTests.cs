using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Serp.Admin.Tests.Fakes;
using Serp.Admin.Tests.TestData.Stripe;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Data;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.Integration.Webhooks;

/// <summary>Runs against the outage cluster of scripts/test.sh, which it really stops and starts again.</summary>
[Collection(PostgresOutage.Collection)]
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly string database = $"serp_outage_{Guid.NewGuid():N}"[..40];

    public Task InitializeAsync() => PostgresOutage.CreateMigratedDatabaseAsync(database);

    public Task DisposeAsync() => PostgresOutage.DropDatabaseAsync(database);

    [Fact]
    public async Task While_the_database_is_stopped_deliveries_get_503_and_the_redelivery_after_restart_is_stored_and_processed()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresOutage.ConnectionString(database)) { Timeout = 3 }.ConnectionString;
        await using var app = new AdminAppFactory(connectionString, settings: WebhookAppFixture.Settings());
        using var client = app.CreateClient();
        var events = new StripeEvents(StripePurchaseIds.New(), DateTimeOffset.UtcNow.AddMinutes(-1));
        var payload = events.SessionCompleted();
        using (var before = await client.DeliverAsync(events.IntentSucceeded())) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await PostgresOutage.StopAsync();
        HttpResponseMessage duringOutage;
        try
        {
            duringOutage = await client.DeliverAsync(payload);
        }
        finally
        {
            await PostgresOutage.StartAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
        Assert.Contains("retry later", await duringOutage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        duringOutage.Dispose();
        // Stripe redelivers until it gets a 2xx; the first try after the restart may still meet a dead pooled connection.
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 3 && status != HttpStatusCode.OK; attempt++)
        {
            using var redelivery = await client.DeliverAsync(payload);
            status = redelivery.StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, status);

        var processor = app.Services.GetRequiredService<WebhookProcessor>();
        var processed = 0;
        while (processed < 10 && await processor.ProcessNextAsync(CancellationToken.None)) processed++;
        await using var dataSource = SerpDatabase.CreateDataSource(PostgresOutage.ConnectionString(database));
        await using var db = new SerpDbContext((DbContextOptions<SerpDbContext>)SerpDatabase.Configure(new DbContextOptionsBuilder<SerpDbContext>(), dataSource).Options);
        Assert.Equal(2, await db.WebhookEvents.CountAsync());
        var order = await db.Orders.SingleAsync(o => o.StripePaymentIntentId == events.Ids.PaymentIntent);
        Assert.Equal((PaymentStatus.Paid, "offer-serp-downloader"), (order.PaymentStatus, order.OfferId));
    }
}
