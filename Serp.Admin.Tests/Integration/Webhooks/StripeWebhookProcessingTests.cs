using Microsoft.EntityFrameworkCore;
using Serp.Admin.Tests.TestData.Stripe;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Checkout;
using Serp.Domain.GhlSync;
using Serp.Domain.Licenses;
using Serp.Domain.Orders;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Tests.Integration.Webhooks;

/// <summary>Stored events become orders, sessions, refunds, disputes, failures, licenses and GHL outbox rows.</summary>
public sealed class StripeWebhookProcessingTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    private readonly StripeEvents events = new(StripePurchaseIds.New(), DateTimeOffset.UtcNow.AddDays(-10));

    [Fact]
    public async Task A_completed_checkout_becomes_a_paid_order_with_a_license_and_a_ghl_sync()
    {
        using var client = app.Factory.CreateClient();
        using var _ = await client.DeliverAsync(events.SessionCompleted());

        await app.ProcessAllAsync();

        await using var db = app.Database.CreateDbContext();
        var order = await db.Orders.SingleAsync(o => o.StripePaymentIntentId == events.Ids.PaymentIntent);
        Assert.Equal(PaymentStatus.Paid, order.PaymentStatus);
        Assert.Equal((9700L, "usd"), (order.AmountTotal, order.Currency));
        Assert.Equal((events.Ids.Email, "Ada Lovelace"), (order.CustomerEmail, order.CustomerName));
        Assert.Equal(("offer-serp-downloader", "lander-video", "aff_007"), (order.OfferId, order.LanderId, order.AffiliateId));
        Assert.Equal("aff_007", order.Metadata!.RootElement.GetProperty("affiliate_id").GetString());
        Assert.Equal(PaymentSource.Stripe, order.Source);
        var session = await db.CheckoutSessions.SingleAsync(s => s.StripeSessionId == events.Ids.Session);
        Assert.Equal((CheckoutStatus.Completed, session.Id), (session.Status, order.CheckoutSessionId!.Value));
        var license = await db.Licenses.SingleAsync(l => l.OrderId == order.Id);
        Assert.Equal((LicenseStatus.Active, "serp-downloader"), (license.Status, license.ProductId));
        Assert.Matches("^SERP-[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}$", license.Key);
        var sync = await db.GhlSync.SingleAsync(s => s.Email == events.Ids.Email);
        Assert.Equal(GhlSyncStatus.Pending, sync.Status);
        var stored = await db.WebhookEvents.SingleAsync(e => e.EventId.Contains(events.Ids.Suffix));
        Assert.Equal((WebhookEventStatus.Processed, 1), (stored.Status, stored.Attempts));
    }

    [Fact]
    public async Task Three_deliveries_make_one_order()
    {
        using var client = app.Factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.DeliverAsync(events.SessionCompleted());
            await app.ProcessAllAsync();
        }

        await using var db = app.Database.CreateDbContext();
        var order = await db.Orders.SingleAsync(o => o.StripePaymentIntentId == events.Ids.PaymentIntent);
        Assert.Equal(1, await db.Licenses.CountAsync(l => l.OrderId == order.Id));
        Assert.Equal(1, await db.WebhookEvents.CountAsync(e => e.EventId.Contains(events.Ids.Suffix)));
    }

    [Fact]
    public async Task An_unknown_event_type_is_answered_200_and_ignored()
    {
        using var client = app.Factory.CreateClient();
        using var response = await client.DeliverAsync(events.Unknown());

        await app.ProcessAllAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await using var db = app.Database.CreateDbContext();
        Assert.Equal(WebhookEventStatus.Ignored, (await db.WebhookEvents.SingleAsync(e => e.EventId.Contains(events.Ids.Suffix))).Status);
    }

    [Fact]
    public async Task A_refund_that_arrives_first_is_linked_when_the_order_appears_and_revokes_the_license_when_whole()
    {
        using var client = app.Factory.CreateClient();
        using (await client.DeliverAsync(events.RefundEvent(amount: 9700))) { }
        await app.ProcessAllAsync();
        await using (var db = app.Database.CreateDbContext())
        {
            Assert.Null((await db.Refunds.SingleAsync(r => r.PaymentRef == events.Ids.PaymentIntent)).OrderId);
        }

        using (await client.DeliverAsync(events.SessionCompleted())) { }
        await app.ProcessAllAsync();

        await using var after = app.Database.CreateDbContext();
        var order = await after.Orders.SingleAsync(o => o.StripePaymentIntentId == events.Ids.PaymentIntent);
        Assert.Equal(PaymentStatus.Refunded, order.PaymentStatus);
        Assert.Equal(order.Id, (await after.Refunds.SingleAsync(r => r.PaymentRef == events.Ids.PaymentIntent)).OrderId);
        // Refunded before it was ever paid in our books: no license is ever handed out.
        Assert.False(await after.Licenses.AnyAsync(l => l.OrderId == order.Id && l.Status == LicenseStatus.Active));
    }

    [Fact]
    public async Task A_full_refund_after_payment_revokes_the_license_and_bumps_the_ghl_row()
    {
        using var client = app.Factory.CreateClient();
        using (await client.DeliverAsync(events.SessionCompleted())) { }
        await app.ProcessAllAsync();
        long versionBefore;
        await using (var db = app.Database.CreateDbContext())
        {
            versionBefore = (await db.GhlSync.SingleAsync(s => s.Email == events.Ids.Email)).DesiredVersion;
        }

        using (await client.DeliverAsync(events.ChargeRefunded(9700))) { }
        await app.ProcessAllAsync();

        await using var after = app.Database.CreateDbContext();
        var order = await after.Orders.SingleAsync(o => o.StripePaymentIntentId == events.Ids.PaymentIntent);
        Assert.Equal((PaymentStatus.Refunded, 9700L), (order.PaymentStatus, order.AmountRefunded));
        var license = await after.Licenses.SingleAsync(l => l.OrderId == order.Id);
        Assert.Equal((LicenseStatus.Revoked, "refunded"), (license.Status, license.RevokeReason));
        Assert.True((await after.GhlSync.SingleAsync(s => s.Email == events.Ids.Email)).DesiredVersion > versionBefore);
    }

    [Fact]
    public async Task An_async_payment_that_fails_fails_the_order_and_the_session()
    {
        using var client = app.Factory.CreateClient();
        using (await client.DeliverAsync(events.SessionAsync(succeeded: false))) { }
        using (await client.DeliverAsync(events.SessionCompleted(paymentStatus: "unpaid"))) { }
        using (await client.DeliverAsync(events.IntentFailed())) { }

        await app.ProcessAllAsync();

        await using var db = app.Database.CreateDbContext();
        Assert.Equal(PaymentStatus.Failed, (await db.Orders.SingleAsync(o => o.StripePaymentIntentId == events.Ids.PaymentIntent)).PaymentStatus);
        Assert.Equal(CheckoutStatus.Failed, (await db.CheckoutSessions.SingleAsync(s => s.StripeSessionId == events.Ids.Session)).Status);
        var failure = await db.PaymentFailures.SingleAsync(f => f.PaymentRef == events.Ids.PaymentIntent);
        Assert.Equal(("insufficient_funds", "Your card has insufficient funds."), (failure.FailureCode, failure.FailureMessage));
    }

    [Fact]
    public async Task An_expired_checkout_is_abandoned_without_an_order()
    {
        using var client = app.Factory.CreateClient();
        using (await client.DeliverAsync(events.SessionExpired())) { }

        await app.ProcessAllAsync();

        await using var db = app.Database.CreateDbContext();
        Assert.Equal(CheckoutStatus.Abandoned, (await db.CheckoutSessions.SingleAsync(s => s.StripeSessionId == events.Ids.Session)).Status);
        Assert.False(await db.Orders.AnyAsync(o => o.StripeSessionId == events.Ids.Session));
    }

    [Fact]
    public async Task Yen_amounts_are_stored_in_whole_yen()
    {
        using var client = app.Factory.CreateClient();
        using (await client.DeliverAsync(events.SessionCompleted(amount: 14_800, currency: "jpy"))) { }

        await app.ProcessAllAsync();

        await using var db = app.Database.CreateDbContext();
        var order = await db.Orders.SingleAsync(o => o.StripePaymentIntentId == events.Ids.PaymentIntent);
        Assert.Equal("¥14,800", new Serp.Domain.Money.Money(order.AmountTotal, order.Currency).Format());
    }

    [Fact]
    public async Task An_event_that_keeps_failing_is_retried_then_marked_failed_and_replay_requeues_it()
    {
        using var client = app.Factory.CreateClient();
        var broken = events.Event("charge.dispute.created", 60, new System.Text.Json.Nodes.JsonObject { ["object"] = "dispute" });
        using (await client.DeliverAsync(broken)) { }

        await app.ProcessAllAsync();

        await using var db = app.Database.CreateDbContext();
        var row = await db.WebhookEvents.AsNoTracking().SingleAsync(e => e.EventId.Contains(events.Ids.Suffix));
        Assert.Equal((WebhookEventStatus.Failed, 2), (row.Status, row.Attempts));
        Assert.Contains("no dispute id", row.LastError, StringComparison.Ordinal);

        var replay = app.Factory.Services.GetRequiredService<WebhookReplay>();
        Assert.True(await replay.ReplayAsync(row.Id, "admin@example.com", CancellationToken.None));

        var requeued = await db.WebhookEvents.AsNoTracking().SingleAsync(e => e.Id == row.Id);
        Assert.Equal((WebhookEventStatus.Received, 0, (string?)null), (requeued.Status, requeued.Attempts, requeued.LastError));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "webhook.replay" && a.TargetId == "stripe:" + row.EventId && a.Actor == "admin@example.com"));
    }

    [Fact]
    public async Task Replaying_a_processed_event_changes_nothing()
    {
        using var client = app.Factory.CreateClient();
        using (await client.DeliverAsync(events.SessionCompleted())) { }
        await app.ProcessAllAsync();
        await using var db = app.Database.CreateDbContext();
        var before = await db.Orders.AsNoTracking().SingleAsync(o => o.StripePaymentIntentId == events.Ids.PaymentIntent);
        var row = await db.WebhookEvents.AsNoTracking().SingleAsync(e => e.EventId.Contains(events.Ids.Suffix));

        await app.Factory.Services.GetRequiredService<WebhookReplay>().ReplayAsync(row.Id, "admin@example.com", CancellationToken.None);
        await app.ProcessAllAsync();

        var after = await db.Orders.AsNoTracking().SingleAsync(o => o.StripePaymentIntentId == events.Ids.PaymentIntent);
        Assert.Equal((before.PaymentStatus, before.AmountTotal, before.UpdatedAt), (after.PaymentStatus, after.AmountTotal, after.UpdatedAt));
        Assert.Equal(1, await db.Licenses.CountAsync(l => l.OrderId == after.Id));
        Assert.Equal(WebhookEventStatus.Processed, (await db.WebhookEvents.AsNoTracking().SingleAsync(e => e.Id == row.Id)).Status);
    }
}
