using Npgsql;
using Serp.Admin.Reconciliation;
using Serp.Admin.Tests.Fakes;
using Serp.Admin.Tests.Fakes.Stripe;
using Serp.Admin.Tests.TestData.Stripe;

namespace Serp.Admin.Tests.Integration;

/// <summary>"Reconcile now" while the database is really down (the outage cluster): the run says so in words, nothing throws.</summary>
[Collection(PostgresOutage.Collection)]
public sealed class ReconciliationOutageTests : IAsyncLifetime
{
    private readonly string database = $"serp_recon_outage_{Guid.NewGuid():N}"[..40];
    private FakeStripeApi stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeApi.StartAsync();
        await PostgresOutage.CreateMigratedDatabaseAsync(database);
    }

    public async Task DisposeAsync()
    {
        await stripe.DisposeAsync();
        await PostgresOutage.DropDatabaseAsync(database);
    }

    [Fact]
    public async Task A_run_while_the_database_is_down_reports_it_in_words_instead_of_throwing()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresOutage.ConnectionString(database)) { Timeout = 3 }.ConnectionString;
        await using var app = new AdminAppFactory(connectionString, settings: ReconciliationAppFixture.Settings(stripe.BaseUrl, FakeStripeApi.ApiKey));
        var runner = app.Services.GetRequiredService<ReconciliationRunner>();
        stripe.AddSession(new StripeEvents(StripePurchaseIds.New(), DateTimeOffset.UtcNow.AddHours(-1)).Session("complete", "paid", "offer-serp-downloader", 9700, "usd"));

        await PostgresOutage.StopAsync();
        IReadOnlyList<ReconciliationResult> results;
        try
        {
            results = await runner.RunAllAsync("admin.outage@example.com", CancellationToken.None);
        }
        finally
        {
            await PostgresOutage.StartAsync();
        }

        var result = Assert.Single(results);
        Assert.Equal(ReconciliationOutcome.Failed, result.Outcome);
        Assert.Contains("database is unavailable", result.Message, StringComparison.Ordinal);
        Assert.Empty(stripe.Requests);
    }
}
