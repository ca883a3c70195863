using Microsoft.EntityFrameworkCore;
using Serp.Admin.Features.GhlSync;
using Serp.Admin.Tests.Fakes;
using Serp.Admin.Tests.Fakes.Ghl;
using Serp.Admin.Tests.TestData;
using Serp.Domain.GhlSync;
using Serp.Domain.Purchases;

namespace Serp.Admin.Tests.Integration.GhlSync;

/// <summary>The app with its GHL sync worker running against the fake GHL server, one database and one fake per class.</summary>
public sealed class GhlSyncAppFixture : IAsyncLifetime
{
    public PostgresFixture Database { get; } = new();
    public FakeGhlApi Ghl { get; private set; } = null!;
    public AdminAppFactory App { get; private set; } = null!;

    /// <summary>Fast loops, a short lease and backoff, so that a storm drains in seconds.</summary>
    public Dictionary<string, string?> Settings()
    {
        var settings = Ghl.Settings();
        settings["Ghl:Timeout"] = "00:00:02";
        settings["Ghl:Sync:Workers"] = "3";
        settings["Ghl:Sync:PollInterval"] = "00:00:00.100";
        settings["Ghl:Sync:Lease"] = "00:00:03";
        settings["Ghl:Sync:FirstBackoff"] = "00:00:00.200";
        settings["Ghl:Sync:MaxBackoff"] = "00:00:01";
        settings["Ghl:Sync:MaxAttempts"] = "50";
        settings["Catalog:Offers:offer-bundle:WorkflowId"] = FakeGhlApi.WelcomeWorkflowId;
        return settings;
    }

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Ghl = await FakeGhlApi.StartAsync();
        App = new AdminAppFactory(Database.ConnectionString, settings: Settings());
        _ = App.Services;
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        if (Ghl is not null) await Ghl.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>
/// Purchases, refunds and abandoned checkouts reach GHL through the outbox and the worker: the contact, its tags, its
/// fields and its opportunity; nothing is sent when nothing changed; storms, a dead worker and a second instance lose
/// nothing and never sync one customer twice at once; demo customers never leave.
/// </summary>
public sealed class GhlSyncWorkerTests(GhlSyncAppFixture fixture) : IClassFixture<GhlSyncAppFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly string LicenseField = FakeGhlApi.SeededFieldId(GhlFieldKeys.LicenseKey);
    private FakeGhlApi Ghl => fixture.Ghl;

    private static string NewId() => Guid.NewGuid().ToString("N")[..12];

    private static CheckoutFact Paid(string n, string email, string offer = "offer-serp-downloader", long amount = 9700, string? metadata = null) => new()
    {
        Source = "stripe", ObservedAt = T0, SessionId = $"cs_{n}", PaymentRef = $"pi_{n}", Outcome = CheckoutOutcome.Completed, Paid = true,
        AmountTotal = amount, Currency = "usd", CustomerEmail = email, CustomerName = "Ada Lovelace", OfferId = offer, MetadataJson = metadata,
        CreatedAt = T0,
    };

    private async Task ApplyAsync(params PurchaseFact[] facts)
    {
        var ledger = fixture.App.Services.GetRequiredService<PurchaseLedger>();
        foreach (var fact in facts)
        {
            await using var db = fixture.Database.CreateDbContext();
            await using var tx = await db.Database.BeginTransactionAsync();
            await ledger.ApplyAsync(db, fact, CancellationToken.None);
            await tx.CommitAsync();
        }
    }

    /// <summary>Waits until every bump of the customer has been worked off (or the row failed).</summary>
    private async Task<GhlSyncState> SyncedAsync(string email, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            await using var db = fixture.Database.CreateDbContext();
            var row = await db.GhlSync.AsNoTracking().SingleOrDefaultAsync(s => s.Email == email);
            if (row is { Status: GhlSyncStatus.Succeeded or GhlSyncStatus.Skipped or GhlSyncStatus.Failed } && row.SyncedVersion == row.DesiredVersion
                || row is { Status: GhlSyncStatus.Failed }) return row;
            Assert.True(DateTime.UtcNow < until, $"not synced in {seconds} s: {row?.Status} v{row?.SyncedVersion}/{row?.DesiredVersion} {row?.LastError}");
            await Task.Delay(100);
        }
    }

    private async Task<List<GhlSyncAttempt>> AttemptsAsync(string email)
    {
        await using var db = fixture.Database.CreateDbContext();
        return await db.GhlSyncAttempts.AsNoTracking().Where(a => a.Email == email).OrderBy(a => a.StartedAt).ThenBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task A_purchase_makes_a_contact_with_license_field_tags_and_a_won_opportunity_in_at_most_four_requests()
    {
        var email = $"buyer.{NewId()}@example.com";

        await ApplyAsync(Paid(NewId(), email));

        var row = await SyncedAsync(email);
        Assert.Equal(GhlSyncStatus.Succeeded, row.Status);
        var contact = Ghl.ContactByEmail(email);
        Assert.NotNull(contact);
        Assert.Equal(("Ada", "Lovelace"), (contact.FirstName, contact.LastName));
        Assert.Contains("customer", contact.Tags);
        Assert.Contains("purchase-serp-downloader", contact.Tags);
        Assert.StartsWith("SERP Downloader Pro: SERP-", contact.CustomFields[LicenseField], StringComparison.Ordinal);
        var opportunity = Assert.Single(Ghl.Opportunities, o => o.ContactId == contact.Id);
        Assert.Equal((FakeGhlApi.PurchaseStageId, "won", 97m), (opportunity.PipelineStageId, opportunity.Status, opportunity.MonetaryValue));
        Assert.Equal((contact.Id, opportunity.Id), (row.GhlContactId, row.GhlOpportunityId));
        var attempt = (await AttemptsAsync(email))[^1];
        Assert.Equal(GhlSyncOutcome.Succeeded, attempt.Outcome);
        Assert.InRange(attempt.RequestCount, 1, 4);
        Assert.Equal(attempt.RequestCount, attempt.Calls.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task A_full_refund_swaps_the_tags_marks_the_license_revoked_and_loses_the_opportunity()
    {
        var email = $"refund.{NewId()}@example.com";
        var n = NewId();
        await ApplyAsync(Paid(n, email));
        await SyncedAsync(email);

        await ApplyAsync(new RefundFact
        {
            Source = "stripe", ObservedAt = T0.AddDays(1), ProviderRefundId = $"re_{n}", PaymentRef = $"pi_{n}", Amount = 9700, Currency = "usd",
            Status = "succeeded", CreatedAt = T0.AddDays(1),
        });

        Assert.Equal(GhlSyncStatus.Succeeded, (await SyncedAsync(email)).Status);
        var contact = Ghl.ContactByEmail(email)!;
        Assert.Contains("refunded-serp-downloader", contact.Tags);
        Assert.DoesNotContain("purchase-serp-downloader", contact.Tags);
        Assert.EndsWith("(revoked)", contact.CustomFields[LicenseField], StringComparison.Ordinal);
        var opportunity = Assert.Single(Ghl.Opportunities, o => o.ContactId == contact.Id);
        Assert.Equal((FakeGhlApi.PurchaseStageId, "lost"), (opportunity.PipelineStageId, opportunity.Status));
    }

    [Fact]
    public async Task An_abandoned_checkout_tags_the_offer_and_opens_a_lead()
    {
        var email = $"abandon.{NewId()}@example.com";

        await ApplyAsync(Paid(NewId(), email, offer: "offer-bundle") with { PaymentRef = null, Outcome = CheckoutOutcome.Expired, Paid = false });

        Assert.Equal(GhlSyncStatus.Succeeded, (await SyncedAsync(email)).Status);
        var contact = Ghl.ContactByEmail(email)!;
        Assert.Contains("abandoned-offer-bundle", contact.Tags);
        Assert.DoesNotContain("customer", contact.Tags);
        var opportunity = Assert.Single(Ghl.Opportunities, o => o.ContactId == contact.Id);
        Assert.Equal((FakeGhlApi.LeadStageId, "open"), (opportunity.PipelineStageId, opportunity.Status));
        Assert.DoesNotContain(Ghl.Enrolments, e => e.ContactId == contact.Id);
    }

    [Fact]
    public async Task A_purchase_of_an_offer_with_a_workflow_enrols_the_contact_once()
    {
        var email = $"workflow.{NewId()}@example.com";
        await ApplyAsync(Paid(NewId(), email, offer: "offer-bundle", amount: 19700));
        await SyncedAsync(email);
        await ApplyAsync(Paid(NewId(), email, offer: "offer-bundle", amount: 19700));
        await SyncedAsync(email);

        var contact = Ghl.ContactByEmail(email)!;
        var enrolment = Assert.Single(Ghl.Enrolments, e => e.ContactId == contact.Id);
        Assert.Equal(FakeGhlApi.WelcomeWorkflowId, enrolment.WorkflowId);
    }

    [Fact]
    public async Task Nothing_is_sent_when_nothing_changed()
    {
        var email = $"same.{NewId()}@example.com";
        await ApplyAsync(Paid(NewId(), email));
        await SyncedAsync(email);

        await using (var db = fixture.Database.CreateDbContext())
        {
            await fixture.App.Services.GetRequiredService<GhlOutbox>().BumpAsync(db, email, null, GhlSyncPriority.Fresh, CancellationToken.None);
        }

        var row = await SyncedAsync(email);
        var attempts = await AttemptsAsync(email);
        Assert.Equal(2, attempts.Count);
        Assert.Equal((GhlSyncOutcome.Unchanged, 0), (attempts[^1].Outcome, attempts[^1].RequestCount));
        Assert.Equal((GhlSyncStatus.Succeeded, 2L), (row.Status, row.SyncedVersion));
    }

    [Fact]
    public async Task A_demo_customer_is_skipped_and_never_sent()
    {
        var email = $"demo.{NewId()}@example.com";

        await ApplyAsync(Paid(NewId(), email, metadata: """{"offer_id":"offer-serp-downloader","demo":"true"}"""));

        var row = await SyncedAsync(email);
        Assert.Equal(GhlSyncStatus.Skipped, row.Status);
        Assert.Contains("Demo", row.LastError, StringComparison.Ordinal);
        var attempt = Assert.Single(await AttemptsAsync(email));
        Assert.Equal((GhlSyncOutcome.Skipped, 0), (attempt.Outcome, attempt.RequestCount));
        Assert.Null(Ghl.ContactByEmail(email));
    }

    [Fact]
    public async Task A_storm_of_500s_timeouts_dropped_connections_and_429s_loses_nothing()
    {
        string[] emails = [.. Enumerable.Range(0, 6).Select(i => $"storm{i}.{NewId()}@example.com")];
        Ghl.Fail(FakeGhlFault.ServerError, 4);
        Ghl.Fail(FakeGhlFault.Hang, 1);
        Ghl.Fail(FakeGhlFault.Drop, 2);
        Ghl.RateLimitNext(3, TimeSpan.FromSeconds(1));

        await ApplyAsync([.. emails.Select(email => Paid(NewId(), email))]);

        foreach (var email in emails) Assert.Equal(GhlSyncStatus.Succeeded, (await SyncedAsync(email, seconds: 60)).Status);
        Assert.All(emails, email => Assert.Contains("purchase-serp-downloader", Ghl.ContactByEmail(email)!.Tags));
        List<GhlSyncAttempt> attempts = [];
        foreach (var email in emails) attempts.AddRange(await AttemptsAsync(email));
        Assert.Contains(attempts, a => a.Outcome == GhlSyncOutcome.Retrying);
    }

    [Fact]
    public async Task A_worker_that_dies_mid_sync_is_taken_over_when_its_lease_lapses()
    {
        var email = $"lease.{NewId()}@example.com";
        await using (var db = fixture.Database.CreateDbContext())
        {
            // The order without the ledger: no bump, so no worker of the app takes the row before the "dead" one does.
            db.Orders.Add(new Serp.Domain.Orders.Order
            {
                Id = Guid.NewGuid(), Currency = "usd", PaymentStatus = "paid", Source = "stripe", CustomerEmail = email, AmountTotal = 4900,
                OfferId = "offer-seo-templates", CreatedAt = T0, UpdatedAt = T0, PaidAt = T0,
            });
            await db.SaveChangesAsync();
        }
        var claims = fixture.App.Services.GetRequiredService<GhlSyncClaims>();
        var dead = await claims.ClaimAsync(email, CancellationToken.None);
        Assert.NotNull(dead);

        await Task.Delay(1000);
        await using (var db = fixture.Database.CreateDbContext())
        {
            Assert.Equal(GhlSyncStatus.InProgress, (await db.GhlSync.AsNoTracking().SingleAsync(s => s.Email == email)).Status);
        }
        var row = await SyncedAsync(email);

        Assert.Equal(GhlSyncStatus.Succeeded, row.Status);
        Assert.Contains("purchase-seo-templates", Ghl.ContactByEmail(email)!.Tags);
        Assert.False(await claims.RenewAsync(dead, CancellationToken.None));
        Assert.Equal(GhlSyncOutcome.Succeeded, Assert.Single(await AttemptsAsync(email)).Outcome);
    }

    [Fact]
    public async Task Two_instances_on_one_database_never_sync_one_customer_at_the_same_time()
    {
        await using var second = new AdminAppFactory(fixture.Database.ConnectionString, settings: fixture.Settings());
        _ = second.Services;
        string[] emails = [.. Enumerable.Range(0, 15).Select(i => $"twice{i}.{NewId()}@example.com")];

        await ApplyAsync([.. emails.Select(email => Paid(NewId(), email))]);
        // Operators press Resync while the first syncs run: more work for both instances on the same rows.
        await using (var db = fixture.Database.CreateDbContext())
        {
            var outbox = fixture.App.Services.GetRequiredService<GhlOutbox>();
            foreach (var email in emails) await outbox.BumpAsync(db, email, "ops@example.com", GhlSyncPriority.Fresh, CancellationToken.None);
        }

        List<GhlSyncAttempt> all = [];
        foreach (var email in emails)
        {
            Assert.Equal(GhlSyncStatus.Succeeded, (await SyncedAsync(email, seconds: 60)).Status);
            var attempts = await AttemptsAsync(email);
            for (var i = 1; i < attempts.Count; i++) Assert.True(attempts[i].StartedAt >= attempts[i - 1].FinishedAt, $"{email}: attempts overlap");
            all.AddRange(attempts);
        }
        Assert.Equal(2, all.Select(a => a.Instance).Distinct().Count());
        Assert.Equal(emails.Length, Ghl.Contacts.Count(c => emails.Contains(c.Email)));
    }
}

/// <summary>Without a GHL token the worker does nothing and says so once.</summary>
public sealed class GhlSyncIdleTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Without_a_token_the_worker_stays_idle_and_says_so_once()
    {
        using var logs = new CapturingLoggerProvider();
        await using var app = new AdminAppFactory(database.ConnectionString,
            settings: new Dictionary<string, string?> { ["Logging:LogLevel:Serp.Admin.Features.GhlSync"] = "Information" }, logSink: logs);
        _ = app.Services;
        await using (var db = database.CreateDbContext())
        {
            await app.Services.GetRequiredService<GhlOutbox>().BumpAsync(db, "idle@example.com", null, GhlSyncPriority.Fresh, CancellationToken.None);
        }

        await Task.Delay(500);

        Assert.Single(logs.Lines, l => l.Text.Contains("GHL sync is idle", StringComparison.Ordinal));
        await using var read = database.CreateDbContext();
        Assert.Equal(GhlSyncStatus.Pending, (await read.GhlSync.AsNoTracking().SingleAsync(s => s.Email == "idle@example.com")).Status);
    }
}
