using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Serp.Admin.Auth;
using Serp.Admin.Features.Refunds;
using Serp.Admin.Tests.Fakes.Stripe;
using Serp.Admin.Tests.Integration.Webhooks;
using Serp.Admin.Tests.TestData.Stripe;
using Serp.Domain.Audit;
using Serp.Domain.Licenses;
using Serp.Domain.Orders;
using Serp.Domain.Refunds;

namespace Serp.Admin.Tests.Integration.Refunds;

/// <summary>
/// Refunds from the desk through the real service, the production Stripe.net client against the fake Stripe API, the
/// real ledger and PostgreSQL. Each test makes its own order; injected failures are cleared before each test.
/// </summary>
public sealed class OrderRefundsTests(RefundAppFixture app) : IClassFixture<RefundAppFixture>, IAsyncLifetime
{
    private const string Refunds = "/v1/refunds";

    public Task InitializeAsync()
    {
        app.Stripe.FailRefunds(FakeStripeFailure.None);
        app.Stripe.NewRefundStatus = RefundStatus.Succeeded;
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Partial_refunds_follow_each_other_until_nothing_remains_with_the_right_status_each_time()
    {
        var paid = await app.PaidOrderAsync(9700);

        var first = await app.Refunds.RefundAsync(RefundAppFixture.Support, paid.Request(2000), CancellationToken.None);
        Assert.True(first.Succeeded, first.Message);
        Assert.Equal((PaymentStatus.PartiallyRefunded, 2000L), await StatusAsync(paid));

        var second = await app.Refunds.RefundAsync(RefundAppFixture.Support, paid.Request(7700), CancellationToken.None);
        Assert.True(second.Succeeded, second.Message);
        Assert.Equal((PaymentStatus.Refunded, 9700L), await StatusAsync(paid));

        var third = await app.Refunds.RefundAsync(RefundAppFixture.Support, paid.Request(1), CancellationToken.None);
        Assert.Equal((RefundOutcome.Refused, "The order is already fully refunded."), (third.Outcome, third.Message));
        await using var db = app.Database.CreateDbContext();
        var rows = await db.Refunds.Where(r => r.OrderId == paid.Id).OrderBy(r => r.Amount).ToListAsync();
        Assert.Equal([2000L, 7700L], rows.Select(r => r.Amount));
        Assert.All(rows, r => Assert.Equal(("support.desk@example.com", RefundStatus.Succeeded), (r.RequestedBy, r.Status)));
        Assert.Equal(2, app.Stripe.RefundsCreated(paid.PaymentIntent));
    }

    [Fact]
    public async Task A_full_refund_revokes_the_license_and_a_partial_one_keeps_it()
    {
        var paid = await app.PaidOrderAsync(9700);
        await app.Refunds.RefundAsync(RefundAppFixture.Support, paid.Request(100), CancellationToken.None);
        Assert.Equal(LicenseStatus.Active, (await LicenseAsync(paid)).Status);

        var result = await app.Refunds.RefundAsync(RefundAppFixture.Support, paid.Request(9600), CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        var license = await LicenseAsync(paid);
        Assert.Equal((LicenseStatus.Revoked, "refunded"), (license.Status, license.RevokeReason));
    }

    [Fact]
    public async Task More_than_what_remains_is_refused_before_Stripe_is_called()
    {
        var paid = await app.PaidOrderAsync(9700);
        await app.Refunds.RefundAsync(RefundAppFixture.Support, paid.Request(9000), CancellationToken.None);
        var posts = PostsFor(paid).Count;

        var result = await app.Refunds.RefundAsync(RefundAppFixture.Support, paid.Request(701), CancellationToken.None);

        Assert.Equal(RefundOutcome.Refused, result.Outcome);
        Assert.Equal("The amount is more than what is left to refund: $7.00 of $97.00 remain.", result.Message);
        Assert.Equal(posts, PostsFor(paid).Count);
        var audit = await LastAuditAsync(paid);
        Assert.Equal((OrderRefunds.FailedAction, "refused", "amount_too_large"), (audit.Action, audit.Outcome, Detail(audit, "error_code")));
    }

    [Fact]
    public async Task Pending_refunds_count_toward_what_was_refunded()
    {
        app.Stripe.NewRefundStatus = RefundStatus.Pending;
        var paid = await app.PaidOrderAsync(9700);

        var pending = await app.Refunds.RefundAsync(RefundAppFixture.Support, paid.Request(6000), CancellationToken.None);
        var tooMuch = await app.Refunds.RefundAsync(RefundAppFixture.Support, paid.Request(4000), CancellationToken.None);

        Assert.Equal((RefundOutcome.Succeeded, RefundStatus.Pending), (pending.Outcome, pending.Status));
        Assert.Equal((PaymentStatus.PartiallyRefunded, 6000L), await StatusAsync(paid));
        Assert.Equal((RefundOutcome.Refused, "amount_too_large"), (tooMuch.Outcome, tooMuch.Code));
    }

    public static TheoryData<string, string> ProviderRefusals => new()
    {
        { "charge_already_refunded", "This charge was already fully refunded in Stripe." },
        { "charge_disputed", "This payment is disputed in Stripe: it cannot be refunded while the dispute is open. Answer the dispute instead." },
        { "resource_missing", "Stripe does not know this payment (another Stripe account or test/live mode?): nothing was refunded." },
    };

    [Theory]
    [MemberData(nameof(ProviderRefusals))]
    public async Task A_Stripe_refusal_records_no_refund_audits_the_code_and_says_why(string code, string message)
    {
        var paid = await app.PaidOrderAsync(9700);
        switch (code)
        {
            // Stripe knows more than we do: refunded in its Dashboard, disputed, or not this account's payment.
            case "charge_already_refunded": app.Stripe.AddPayment(paid.PaymentIntent, paid.Charge, 9700, "usd", refunded: 9700); break;
            case "charge_disputed": app.Stripe.AddPayment(paid.PaymentIntent, paid.Charge, 9700, "usd", disputed: true); break;
            default: app.Stripe.ForgetPayment(paid.PaymentIntent); break;
        }

        var result = await app.Refunds.RefundAsync(RefundAppFixture.Support, paid.Request(2000), CancellationToken.None);

        Assert.Equal((RefundOutcome.Failed, code, message), (result.Outcome, result.Code, result.Message));
        Assert.Equal((PaymentStatus.Paid, 0L), await StatusAsync(paid));
        await using var db = app.Database.CreateDbContext();
        Assert.False(await db.Refunds.AnyAsync(r => r.OrderId == paid.Id));
        var audit = await LastAuditAsync(paid);
        Assert.Equal((OrderRefunds.FailedAction, "failed", code, 2000L),
            (audit.Action, audit.Outcome, Detail(audit, "error_code"), audit.Details!.RootElement.GetProperty("amount").GetInt64()));
    }

    [Theory]
    [InlineData(FakeStripeFailure.ServerError)]
    [InlineData(FakeStripeFailure.NoAnswer)]
    public async Task When_Stripe_does_not_answer_nothing_is_recorded_and_the_same_request_retried_refunds_once(FakeStripeFailure failure)
    {
        var paid = await app.PaidOrderAsync(9700);
        var request = paid.Request(2500);
        app.Stripe.FailRefunds(failure);

        var failed = await app.Refunds.RefundAsync(RefundAppFixture.Support, request, CancellationToken.None);

        Assert.Equal((RefundOutcome.Failed, "Stripe did not answer; nothing was refunded, try again.", true),
            (failed.Outcome, failed.Message, failed.Retryable));
        Assert.Equal((PaymentStatus.Paid, 0L), await StatusAsync(paid));

        app.Stripe.FailRefunds(FakeStripeFailure.None);
        var retried = await app.Refunds.RefundAsync(RefundAppFixture.Support, request, CancellationToken.None);

        Assert.True(retried.Succeeded, retried.Message);
        Assert.Equal((PaymentStatus.PartiallyRefunded, 2500L), await StatusAsync(paid));
        Assert.All(PostsFor(paid), p => Assert.Equal("serp-refund-" + request.RequestId.ToString("D"), p.IdempotencyKey));
    }

    [Fact]
    public async Task The_same_request_id_sent_twice_at_once_makes_one_Stripe_refund_and_one_row()
    {
        var paid = await app.PaidOrderAsync(9700);
        var request = paid.Request(3000);

        var results = await Task.WhenAll(
            app.Refunds.RefundAsync(RefundAppFixture.Support, request, CancellationToken.None),
            app.Refunds.RefundAsync(RefundAppFixture.Support, request, CancellationToken.None));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(1, app.Stripe.RefundsCreated(paid.PaymentIntent));
        await using var db = app.Database.CreateDbContext();
        var row = await db.Refunds.SingleAsync(r => r.OrderId == paid.Id);
        Assert.Equal((request.RequestId, 3000L), (row.RequestId, row.Amount));
        Assert.Equal((PaymentStatus.PartiallyRefunded, 3000L), await StatusAsync(paid));
    }

    [Fact]
    public async Task The_refunds_webhook_updates_the_same_row_and_keeps_who_asked_and_why()
    {
        app.Stripe.NewRefundStatus = RefundStatus.Pending;
        var paid = await app.PaidOrderAsync(9700);
        var request = paid.Request(9700, RefundReasons.Other, "Customer bought the wrong plan");
        var result = await app.Refunds.RefundAsync(RefundAppFixture.Support, request, CancellationToken.None);
        Assert.Equal((PaymentStatus.Refunded, 9700L), await StatusAsync(paid));

        // Stripe's later event says succeeded; it carries no metadata and no reason (as for a Dashboard refund).
        var events = new StripeEvents(new StripePurchaseIds(paid.PaymentIntent[3..]), DateTimeOffset.UtcNow);
        var update = events.Event("refund.updated", 60, new JsonObject
        {
            ["id"] = result.ProviderRefundId, ["object"] = "refund", ["amount"] = 9700, ["charge"] = paid.Charge,
            ["created"] = DateTimeOffset.UtcNow.AddSeconds(-5).ToUnixTimeSeconds(), ["currency"] = "usd", ["metadata"] = new JsonObject(),
            ["payment_intent"] = paid.PaymentIntent, ["reason"] = null, ["status"] = "succeeded",
        });
        using var client = app.Factory.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.DeliverAsync(update)).StatusCode);
        Assert.Equal(1, await WebhookAppFixture.ProcessAllAsync(app.Factory));

        await using var db = app.Database.CreateDbContext();
        var row = await db.Refunds.AsNoTracking().SingleAsync(r => r.OrderId == paid.Id);
        Assert.Equal((RefundStatus.Succeeded, "support.desk@example.com", request.RequestId, "Customer bought the wrong plan", RefundReasons.Other),
            (row.Status, row.RequestedBy, row.RequestId, row.Note, row.Reason));
        Assert.Equal((PaymentStatus.Refunded, 9700L), await StatusAsync(paid));
    }

    [Fact]
    public async Task Goodwill_goes_to_Stripe_without_a_reason_and_with_ours_in_the_metadata()
    {
        var paid = await app.PaidOrderAsync(9700);
        var request = paid.Request(1500, RefundReasons.Goodwill, "Late delivery, sorry");

        var result = await app.Refunds.RefundAsync(RefundAppFixture.Support, request, CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        var post = Assert.Single(PostsFor(paid));
        Assert.Null(post["reason"]);
        Assert.Equal(("1500", "goodwill", "Late delivery, sorry", request.RequestId.ToString("D"), "support.desk@example.com"),
            (post["amount"], post["metadata[serp_reason]"], post["metadata[serp_note]"], post["metadata[serp_request_id]"], post["metadata[requested_by]"]));
        var duplicate = await app.Refunds.RefundAsync(RefundAppFixture.Support, paid.Request(100, RefundReasons.Duplicate), CancellationToken.None);
        Assert.True(duplicate.Succeeded, duplicate.Message);
        Assert.Equal("duplicate", PostsFor(paid)[^1]["reason"]);
    }

    [Fact]
    public async Task Above_the_Support_limit_only_an_Admin_may_refund()
    {
        var paid = await app.PaidOrderAsync(120_000);

        var support = await app.Refunds.RefundAsync(RefundAppFixture.Support, paid.Request(RefundAppFixture.SupportMaxUsd + 1), CancellationToken.None);
        var admin = await app.Refunds.RefundAsync(RefundAppFixture.Staff(Roles.Admin, "admin.desk@example.com"), paid.Request(60_000),
            CancellationToken.None);
        var atLimit = await app.Refunds.RefundAsync(RefundAppFixture.Support, paid.Request(RefundAppFixture.SupportMaxUsd), CancellationToken.None);

        Assert.Equal((RefundOutcome.Refused, "over_support_limit", "Refunds above $500.00 need an Admin."), (support.Outcome, support.Code, support.Message));
        Assert.True(admin.Succeeded, admin.Message);
        Assert.True(atLimit.Succeeded, atLimit.Message);
        Assert.Equal((PaymentStatus.PartiallyRefunded, 110_000L), await StatusAsync(paid));
    }

    [Fact]
    public async Task A_Viewer_is_refused_by_the_service_and_Stripe_is_not_called()
    {
        var paid = await app.PaidOrderAsync(9700);

        var result = await app.Refunds.RefundAsync(RefundAppFixture.Staff(Roles.Viewer, "viewer.desk@example.com"), paid.Request(100),
            CancellationToken.None);

        Assert.Equal((RefundOutcome.Refused, "not_permitted"), (result.Outcome, result.Code));
        Assert.Empty(PostsFor(paid));
        var audit = await LastAuditAsync(paid);
        Assert.Equal(("viewer.desk@example.com", "refused"), (audit.Actor, audit.Outcome));
    }

    [Fact]
    public async Task A_PayPal_order_without_PayPal_settings_is_not_refunded_and_the_desk_says_why()
    {
        var paid = await app.PaidOrderAsync(4900, source: PaymentSource.PayPal);

        var result = await app.Refunds.RefundAsync(RefundAppFixture.Support, paid.Request(100), CancellationToken.None);

        Assert.NotEqual(RefundOutcome.Succeeded, result.Outcome);
        Assert.Contains("PayPal", result.Message, StringComparison.Ordinal);
        Assert.Empty(PostsFor(paid));
        await using var db = app.Database.CreateDbContext();
        Assert.False(await db.Refunds.AnyAsync(r => r.OrderId == paid.Id));
    }

    [Fact]
    public async Task A_succeeded_refund_is_audited_with_actor_amount_reason_and_the_Stripe_refund_id()
    {
        var paid = await app.PaidOrderAsync(9700);

        var result = await app.Refunds.RefundAsync(RefundAppFixture.Support, paid.Request(1200, RefundReasons.Fraudulent), CancellationToken.None);

        var audit = await LastAuditAsync(paid);
        Assert.Equal((OrderRefunds.CreatedAction, "succeeded", "support.desk@example.com", "order", paid.Id.ToString("D")),
            (audit.Action, audit.Outcome, audit.Actor, audit.TargetType, audit.TargetId));
        Assert.Equal((result.ProviderRefundId, "usd", "fraudulent"),
            (Detail(audit, "provider_refund_id"), Detail(audit, "currency"), Detail(audit, "reason")));
    }

    private List<FakeStripeRequest> PostsFor(PaidOrder paid) =>
        [.. app.Stripe.RequestsTo(Refunds).Where(r => r.Method == "POST" && r["payment_intent"] == paid.PaymentIntent)];

    private async Task<(string, long)> StatusAsync(PaidOrder paid)
    {
        await using var db = app.Database.CreateDbContext();
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == paid.Id);
        return (order.PaymentStatus, order.AmountRefunded);
    }

    private async Task<License> LicenseAsync(PaidOrder paid)
    {
        await using var db = app.Database.CreateDbContext();
        return await db.Licenses.AsNoTracking().SingleAsync(l => l.OrderId == paid.Id);
    }

    private async Task<AuditEntry> LastAuditAsync(PaidOrder paid)
    {
        await using var db = app.Database.CreateDbContext();
        var target = paid.Id.ToString("D");
        return await db.AuditLog.AsNoTracking().Where(a => a.TargetId == target).OrderByDescending(a => a.Id).FirstAsync();
    }

    private static string? Detail(AuditEntry entry, string name) =>
        entry.Details!.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
