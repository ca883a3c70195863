using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Serp.Admin.Integrations.Stripe;
using Serp.Admin.Reconciliation;
using Serp.Admin.Tests.Fakes.Stripe;
using Serp.Admin.Tests.TestData.Stripe;
using Serp.Domain.Disputes;
using Serp.Domain.Licenses;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;
using Serp.Domain.Refunds;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Tests.Integration;

/// <summary>
/// Reconciliation against a local server that plays the Stripe API: the production Stripe.net client, the real
/// ledger and a real database. Each test starts with an empty fake and no cursors.
/// </summary>
public sealed class StripeReconciliationTests(ReconciliationAppFixture app) : IClassFixture<ReconciliationAppFixture>, IAsyncLifetime
{
    private const string Actor = "admin@example.com";
    private const string Sessions = "/v1/checkout/sessions";
    private const string Charges = "/v1/charges";

    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Reconciliation_recovers_an_order_whose_webhook_was_never_sent()
    {
        var purchase = Purchase(DateTimeOffset.UtcNow.AddHours(-2));
        AddPaidPurchase(purchase);

        var result = await app.Runner.RunAsync(PaymentSource.Stripe, Actor, CancellationToken.None);

        Assert.Equal(ReconciliationOutcome.Completed, result.Outcome);
        var order = await OrderAsync(purchase.Ids);
        Assert.Equal((PaymentStatus.Paid, "offer-serp-downloader", purchase.Ids.Email, 9700L, "usd"),
            (order.PaymentStatus, order.OfferId, order.CustomerEmail, order.AmountTotal, order.Currency));
        Assert.Equal((purchase.Ids.Session, purchase.Ids.Charge), (order.StripeSessionId, order.StripeChargeId));
        await using var db = app.Database.CreateDbContext();
        Assert.Equal(LicenseStatus.Active, (await db.Licenses.SingleAsync(l => l.OrderId == order.Id)).Status);
        Assert.False(await db.WebhookEvents.AnyAsync(e => e.EventId.Contains(purchase.Ids.Suffix)));
    }

    [Fact]
    public async Task Reconciliation_recovers_a_refund_and_a_dispute()
    {
        var purchase = Purchase(DateTimeOffset.UtcNow.AddDays(-6));
        app.Stripe.AddSession(purchase.Session("complete", "paid", "offer-serp-downloader", 9700, "usd"));
        app.Stripe.AddCharge(purchase.Charge(9700, amountRefunded: 2000));
        app.Stripe.AddRefund(purchase.Refund("succeeded", 2000, "1"));
        app.Stripe.AddDispute(purchase.Dispute("needs_response"));

        var result = await app.Runner.RunAsync(PaymentSource.Stripe, Actor, CancellationToken.None);

        Assert.Equal(ReconciliationOutcome.Completed, result.Outcome);
        var order = await OrderAsync(purchase.Ids);
        await using var db = app.Database.CreateDbContext();
        var refund = await db.Refunds.SingleAsync(r => r.OrderId == order.Id);
        var dispute = await db.Disputes.SingleAsync(d => d.OrderId == order.Id);
        Assert.Equal(($"re_{purchase.Ids.Suffix}_1", RefundStatus.Succeeded, 2000L), (refund.ProviderRefundId, refund.Status, refund.Amount));
        Assert.Equal(("dp_" + purchase.Ids.Suffix, DisputeStatus.NeedsResponse, 9700L), (dispute.ProviderDisputeId, dispute.Status, dispute.Amount));
        Assert.Equal((PaymentStatus.Disputed, 2000L), (order.PaymentStatus, order.AmountRefunded));
    }

    [Fact]
    public async Task Reconciliation_pages_through_more_than_one_page()
    {
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        var purchases = Enumerable.Range(0, 5).Select(i => Purchase(start.AddMinutes(i))).ToList();
        purchases.ForEach(AddPaidPurchase);

        var result = await app.Runner.RunAsync(PaymentSource.Stripe, Actor, CancellationToken.None);

        Assert.Equal(5, result.For(StripeListing.Charges)?.Applied);
        var pages = app.Stripe.RequestsTo(Charges);
        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.Equal("2", p["limit"]));
        Assert.Null(pages[0]["starting_after"]);
        Assert.Equal(pages[0].ReturnedIds[^1], pages[1]["starting_after"]);
        Assert.Equal(pages[1].ReturnedIds[^1], pages[2]["starting_after"]);
        Assert.Equal(purchases.Select(p => p.Ids.Charge).Order(), pages.SelectMany(p => p.ReturnedIds).Order());
        foreach (var purchase in purchases) Assert.Equal(PaymentStatus.Paid, (await OrderAsync(purchase.Ids)).PaymentStatus);
    }

    [Fact]
    public async Task A_second_run_lists_from_the_cursor_minus_the_overlap_and_not_older_objects()
    {
        var oldest = Purchase(DateTimeOffset.UtcNow.AddHours(-2));
        var latest = Purchase(DateTimeOffset.UtcNow.AddHours(-1));
        AddPaidPurchase(oldest);
        AddPaidPurchase(latest);
        await app.Runner.RunAsync(PaymentSource.Stripe, Actor, CancellationToken.None);
        var cursor = await CursorAsync("stripe:charges");
        Assert.Equal(Created(latest.Charge(9700, 0)), cursor);

        var fresh = Purchase(DateTimeOffset.UtcNow.AddMinutes(-1));
        AddPaidPurchase(fresh);
        var requestsBefore = app.Stripe.RequestsTo(Charges).Count;
        var second = await app.Runner.RunAsync(PaymentSource.Stripe, Actor, CancellationToken.None);

        var secondRun = app.Stripe.RequestsTo(Charges).Skip(requestsBefore).ToList();
        Assert.Equal(cursor!.Value.AddMinutes(-5).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), secondRun[0]["created[gte]"]);
        // The latest charge sits at the cursor, inside the overlap, so it is read again; the oldest is not.
        Assert.Equal(new[] { fresh.Ids.Charge, latest.Ids.Charge }, secondRun.SelectMany(r => r.ReturnedIds));
        Assert.Equal(2, second.For(StripeListing.Charges)?.Listed);
        Assert.Equal(Created(fresh.Charge(9700, 0)), await CursorAsync("stripe:charges"));
        Assert.Equal(PaymentStatus.Paid, (await OrderAsync(fresh.Ids)).PaymentStatus);
    }

    [Fact]
    public async Task A_second_run_while_one_is_in_progress_is_refused_by_the_lock()
    {
        AddPaidPurchase(Purchase(DateTimeOffset.UtcNow.AddHours(-1)));
        ReconciliationResult second;
        Task<ReconciliationResult> first;
        using (var hold = app.Stripe.Hold())
        {
            first = app.Runner.RunAsync(PaymentSource.Stripe, Actor, CancellationToken.None);
            await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(30));

            second = await app.Runner.RunAsync(PaymentSource.Stripe, "other-admin@example.com", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(ReconciliationOutcome.AlreadyRunning, second.Outcome);
        Assert.Equal(ReconciliationOutcome.Completed, (await first).Outcome);
        // Only the first run spoke to Stripe: one request per resource and the events.
        Assert.Single(app.Stripe.RequestsTo(Sessions));
    }

    [Fact]
    public async Task A_rate_limited_request_is_retried_and_the_run_completes()
    {
        var purchase = Purchase(DateTimeOffset.UtcNow.AddHours(-1));
        AddPaidPurchase(purchase);
        app.Stripe.RateLimitNext(1);

        var result = await app.Runner.RunAsync(PaymentSource.Stripe, Actor, CancellationToken.None);

        Assert.Equal(ReconciliationOutcome.Completed, result.Outcome);
        var sessionRequests = app.Stripe.RequestsTo(Sessions);
        Assert.Equal("429 200", string.Join(" ", sessionRequests.Select(r => r.Status)));
        Assert.Equal(sessionRequests[0].Query, sessionRequests[1].Query);
        Assert.Equal(PaymentStatus.Paid, (await OrderAsync(purchase.Ids)).PaymentStatus);
    }

    [Fact]
    public async Task Persistent_rate_limiting_ends_the_run_with_a_rate_limited_result()
    {
        AddPaidPurchase(Purchase(DateTimeOffset.UtcNow.AddHours(-1)));
        app.Stripe.RateLimitNext(1000);

        var result = await app.Runner.RunAsync(PaymentSource.Stripe, Actor, CancellationToken.None);

        Assert.Equal(ReconciliationOutcome.RateLimited, result.Outcome);
        Assert.Contains("429", result.Message, StringComparison.Ordinal);
        // Our back-off retried, Stripe.net (which never retries a plain 429) did not add more; nothing after it ran.
        Assert.Equal(ReconciliationAppFixture.RateLimitRetries + 1, app.Stripe.Requests.Count);
        Assert.All(app.Stripe.Requests, r => Assert.Equal((Sessions, 429), (r.Path, r.Status)));
        Assert.Null(await CursorAsync("stripe:checkout_sessions"));
    }

    [Fact]
    public async Task An_object_that_cannot_be_applied_lands_in_the_inbox_as_failed_and_the_cursor_moves_past_it()
    {
        var purchase = Purchase(DateTimeOffset.UtcNow.AddDays(-3));
        AddPaidPurchase(purchase);
        // Two refunds claiming one desk request: whichever comes second breaks refunds.request_id's uniqueness.
        var requestId = Guid.NewGuid().ToString();
        var refunds = new[] { purchase.Refund("succeeded", 1000, "1"), purchase.Refund("succeeded", 2000, "2") };
        refunds[1]["created"] = (long)refunds[0]["created"]! + 60;
        foreach (var refund in refunds)
        {
            refund["metadata"] = new System.Text.Json.Nodes.JsonObject { [RefundMetadata.RequestId] = requestId };
            app.Stripe.AddRefund(refund);
        }

        var result = await app.Runner.RunAsync(PaymentSource.Stripe, Actor, CancellationToken.None);

        Assert.Equal(ReconciliationOutcome.CompletedWithFailures, result.Outcome);
        Assert.Equal((2, 1, 1), (result.For(StripeListing.Refunds)!.Listed, result.For(StripeListing.Refunds)!.Applied, result.For(StripeListing.Refunds)!.Failed));
        Assert.Contains("webhook inbox as failed", result.Message, StringComparison.Ordinal);
        await using var db = app.Database.CreateDbContext();
        var failed = await db.WebhookEvents.AsNoTracking()
            .SingleAsync(e => e.Provider == PaymentSource.Stripe && e.EventId.StartsWith("reconciliation:re_" + purchase.Ids.Suffix));
        Assert.Equal(("reconciliation.refunds", WebhookEventStatus.Failed), (failed.EventType, failed.Status));
        var refundId = failed.EventId["reconciliation:".Length..];
        Assert.Contains(refundId, failed.LastError, StringComparison.Ordinal);
        Assert.False(await db.Refunds.AnyAsync(r => r.ProviderRefundId == refundId));
        // A replay reads the stored event exactly as reconciliation read the listed refund.
        var replayed = Assert.Single(StripeEventTranslator.Translate(failed.Payload.RootElement)!);
        Assert.Equal(refundId, Assert.IsType<RefundFact>(replayed).ProviderRefundId);
        // The failure no longer holds the cursor back: it is in the inbox.
        Assert.Equal(Created(refunds[1]), await CursorAsync("stripe:refunds"));
        var run = await db.ReconciliationRuns.AsNoTracking().SingleAsync();
        Assert.Equal((PaymentSource.Stripe, Actor, "completed_with_failures", 1, result.Listed),
            (run.Provider, run.Actor, run.Outcome, run.Failed, run.Listed));
    }

    [Fact]
    public async Task A_run_that_does_not_start_is_not_recorded_and_one_that_does_is()
    {
        await using var unconfigured = new AdminAppFactory(app.Database.ConnectionString,
            settings: ReconciliationAppFixture.Settings(app.Stripe.BaseUrl, secretKey: null));
        await unconfigured.Services.GetRequiredService<ReconciliationRunner>().RunAsync(PaymentSource.Stripe, Actor, CancellationToken.None);
        AddPaidPurchase(Purchase(DateTimeOffset.UtcNow.AddHours(-1)));

        await app.Runner.RunAsync(PaymentSource.Stripe, Actor, CancellationToken.None);

        var runs = await app.Factory.Services.GetRequiredService<ReconciliationRuns>().RecentAsync(5, CancellationToken.None);
        var run = Assert.Single(runs);
        Assert.Equal((PaymentSource.Stripe, "completed", 2, 2, 0), (run.Provider, run.Outcome, run.Listed, run.Applied, run.Failed));
        Assert.True(run.FinishedAt >= run.StartedAt);
    }

    [Fact]
    public async Task Undelivered_events_are_stored_in_the_inbox_and_processed_into_an_order()
    {
        var missed = Purchase(DateTimeOffset.UtcNow.AddHours(-1));
        var delivered = Purchase(DateTimeOffset.UtcNow.AddHours(-1));
        app.Stripe.AddEvent(missed.SessionCompleted(), delivered: false);
        app.Stripe.AddEvent(delivered.SessionCompleted(), delivered: true);

        var result = await app.Runner.RunAsync(PaymentSource.Stripe, Actor, CancellationToken.None);
        await app.ProcessInboxAsync();

        Assert.Equal((1, 1), (result.EventsListed, result.EventsQueued));
        var events = Assert.Single(app.Stripe.RequestsTo("/v1/events"));
        Assert.Equal("false", events["delivery_success"]);
        var since = DateTimeOffset.FromUnixTimeSeconds(long.Parse(events["created[gte]"]!, CultureInfo.InvariantCulture));
        Assert.InRange(since, DateTimeOffset.UtcNow.AddDays(-30).AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(-30));
        await using var db = app.Database.CreateDbContext();
        var stored = await db.WebhookEvents.AsNoTracking().SingleAsync(e => e.EventId.Contains(missed.Ids.Suffix));
        Assert.Equal(("checkout.session.completed", WebhookEventStatus.Processed), (stored.EventType, stored.Status));
        Assert.Equal(PaymentStatus.Paid, (await OrderAsync(missed.Ids)).PaymentStatus);
        Assert.False(await db.Orders.AnyAsync(o => o.StripePaymentIntentId == delivered.Ids.PaymentIntent));
    }

    [Fact]
    public async Task Without_a_secret_key_reconciliation_reports_not_configured_and_calls_nothing()
    {
        await using var unconfigured = new AdminAppFactory(app.Database.ConnectionString,
            settings: ReconciliationAppFixture.Settings(app.Stripe.BaseUrl, secretKey: null));
        AddPaidPurchase(Purchase(DateTimeOffset.UtcNow.AddHours(-1)));

        var result = await unconfigured.Services.GetRequiredService<ReconciliationRunner>().RunAsync(PaymentSource.Stripe, Actor, CancellationToken.None);

        Assert.Equal(ReconciliationOutcome.NotConfigured, result.Outcome);
        Assert.Contains("Stripe is not configured", result.Message, StringComparison.Ordinal);
        Assert.Empty(app.Stripe.Requests);
    }

    [Fact]
    public async Task A_manual_run_is_written_to_the_audit_log_with_its_counts()
    {
        AddPaidPurchase(Purchase(DateTimeOffset.UtcNow.AddHours(-1)));
        var actor = $"admin.{Guid.NewGuid():N}@example.com";

        await app.Runner.RunAsync(PaymentSource.Stripe, actor, CancellationToken.None);

        await using var db = app.Database.CreateDbContext();
        var entry = await db.AuditLog.AsNoTracking().SingleAsync(a => a.Actor == actor);
        Assert.Equal((ReconciliationRunner.AuditAction(PaymentSource.Stripe), "completed"), (entry.Action, entry.Outcome));
        var resources = entry.Details!.RootElement.GetProperty("resources").EnumerateArray()
            .ToDictionary(r => r.GetProperty("resource").GetString()!, r => r.GetProperty("applied").GetInt32());
        Assert.Equal(1, resources[StripeListing.Charges]);
        Assert.Equal(1, resources[StripeListing.Sessions]);
    }

    [Fact]
    public async Task The_schedule_starts_a_run_when_the_app_starts()
    {
        var settings = ReconciliationAppFixture.Settings(app.Stripe.BaseUrl, FakeStripeApi.ApiKey);
        settings["Stripe:Reconciliation:Enabled"] = "true";
        using var hold = app.Stripe.Hold();
        await using var scheduled = new AdminAppFactory(app.Database.ConnectionString, settings: settings);

        Assert.NotNull(scheduled.Services);

        await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_schedule_shorter_than_a_minute_stops_the_app_at_start()
    {
        var settings = ReconciliationAppFixture.Settings(app.Stripe.BaseUrl, FakeStripeApi.ApiKey);
        settings["Stripe:Reconciliation:Interval"] = "00:00:10";
        await using var invalid = new AdminAppFactory(app.Database.ConnectionString, settings: settings);

        var error = Assert.ThrowsAny<Exception>(() => invalid.Services);

        Assert.Contains("Interval", error.ToString(), StringComparison.Ordinal);
    }

    private static StripeEvents Purchase(DateTimeOffset createdAt) => new(StripePurchaseIds.New(), createdAt);

    private void AddPaidPurchase(StripeEvents purchase)
    {
        app.Stripe.AddSession(purchase.Session("complete", "paid", "offer-serp-downloader", 9700, "usd"));
        app.Stripe.AddCharge(purchase.Charge(9700, 0));
    }

    private static DateTimeOffset Created(System.Text.Json.Nodes.JsonObject obj) => DateTimeOffset.FromUnixTimeSeconds((long)obj["created"]!);

    private async Task<Order> OrderAsync(StripePurchaseIds ids)
    {
        await using var db = app.Database.CreateDbContext();
        return await db.Orders.AsNoTracking().SingleAsync(o => o.StripePaymentIntentId == ids.PaymentIntent);
    }

    private async Task<DateTimeOffset?> CursorAsync(string name)
    {
        await using var db = app.Database.CreateDbContext();
        return await db.SyncCursors.AsNoTracking().Where(c => c.Name == name).Select(c => (DateTimeOffset?)c.Position).SingleOrDefaultAsync();
    }
}
