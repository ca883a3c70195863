using Microsoft.EntityFrameworkCore;
using Serp.Admin.Reconciliation;
using Serp.Admin.Tests.Fakes.Stripe;
using Serp.Admin.Tests.Integration.Webhooks;
using Serp.Admin.Tests.TestData;

namespace Serp.Admin.Tests.Integration;

/// <summary>
/// The app pointed at a <see cref="FakeStripeApi"/> (Stripe:ApiBase) with its key, over a database of its own. The
/// schedule and the webhook processor are off: tests run reconciliation and processing themselves. Pages hold two
/// objects so paging happens with few objects; 429 back-off waits milliseconds.
/// </summary>
public sealed class ReconciliationAppFixture : IAsyncLifetime
{
    public const int RateLimitRetries = 2;

    public PostgresFixture Database { get; } = new();
    public FakeStripeApi Stripe { get; private set; } = null!;
    public AdminAppFactory Factory { get; private set; } = null!;

    public ReconciliationRunner Runner => Factory.Services.GetRequiredService<ReconciliationRunner>();

    public static Dictionary<string, string?> Settings(string apiBase, string? secretKey)
    {
        var settings = WebhookAppFixture.Settings();
        settings["Stripe:SecretKey"] = secretKey;
        settings["Stripe:ApiBase"] = apiBase;
        settings["Stripe:Reconciliation:Enabled"] = "false";
        settings["Stripe:Reconciliation:PageSize"] = "2";
        settings["Stripe:RateLimitRetry:MaxRetries"] = RateLimitRetries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Stripe:RateLimitRetry:FirstDelay"] = "00:00:00.010";
        return settings;
    }

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Stripe = await FakeStripeApi.StartAsync();
        Factory = new AdminAppFactory(Database.ConnectionString, settings: Settings(Stripe.BaseUrl, FakeStripeApi.ApiKey));
    }

    /// <summary>A fresh start for the next test: an empty fake and no cursors (rows of earlier tests stay, under other ids).</summary>
    public async Task ResetAsync()
    {
        Stripe.Reset();
        await using var db = Database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM sync_cursors; DELETE FROM reconciliation_runs");
    }

    public Task<int> ProcessInboxAsync() => WebhookAppFixture.ProcessAllAsync(Factory);

    public async Task DisposeAsync()
    {
        if (Factory is not null) await Factory.DisposeAsync();
        if (Stripe is not null) await Stripe.DisposeAsync();
        await Database.DisposeAsync();
    }
}
