using System.Text.Json;
using Serp.Admin.Features.Orders.Detail;
using Serp.Admin.Tests.TestData;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Tests.Integration;

/// <summary>Arranges orders with one row of every kind the timeline shows, plus a neighbour whose rows must not leak in.</summary>
public sealed class OrderDetailQueriesTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly OrderDetailQueries queries = new(new TestDbContextFactory(database));

    [Fact]
    public async Task Reads_every_row_of_the_order_and_none_of_its_neighbours()
    {
        var order = await SupportCase.ArrangeAsync(database, "alice@example.com", "usd", T0);
        var neighbour = await SupportCase.ArrangeAsync(database, "bob@example.com", "eur", T0.AddMinutes(1));

        var detail = await queries.GetAsync(order.Id, CancellationToken.None);

        Assert.NotNull(detail);
        var t = detail.Timeline;
        Assert.Equal((order.Id, 4900L, "usd", 1000L, "alice@example.com"), (detail.Header.Id, detail.Header.Amount.MinorUnits,
            detail.Header.Amount.Currency, detail.Header.AmountRefunded, detail.Header.CustomerEmail));
        Assert.Equal([KeyValuePair.Create("campaign", "spring"), KeyValuePair.Create("tries", "2")], detail.Header.Metadata);
        Assert.Equal(("completed", order.Session), (t.Session!.Status, t.Session.ProviderSessionId));
        Assert.Equal(order.FailedCharge, Assert.Single(t.Failures).AttemptRef);
        Assert.Equal(order.Refund, Assert.Single(t.Refunds).ProviderRefundId);
        Assert.Equal(order.Dispute, Assert.Single(t.Disputes).ProviderDisputeId);
        Assert.Equal(order.LicenseKey, Assert.Single(t.Licenses).Key);
        Assert.Equal("refund.created", Assert.Single(t.StaffActions).Action);
        Assert.Equal("Customer called about the charge.", Assert.Single(t.Notes).Body);
        Assert.Equal(order.EventIds.Order(), t.Events.Select(e => e.EventId).Order());
        Assert.DoesNotContain(t.Events, e => neighbour.EventIds.Contains(e.EventId));
        Assert.False(detail.TestMode);
    }

    [Fact]
    public async Task The_timeline_of_the_arranged_order_has_every_step_with_its_events()
    {
        var order = await SupportCase.ArrangeAsync(database, "carol@example.com", "usd", T0);

        var detail = await queries.GetAsync(order.Id, CancellationToken.None);
        var steps = OrderTimeline.Build(detail!.Timeline);

        Assert.Equal(
        [
            TimelineKind.Note, TimelineKind.DisputeOpened, TimelineKind.StaffAction, TimelineKind.Refund, TimelineKind.LicenseIssued,
            TimelineKind.Payment, TimelineKind.SessionCompleted, TimelineKind.FailedAttempt, TimelineKind.SessionCreated,
        ], steps.Select(s => s.Kind));
        Assert.Equal(["charge.refunded"], steps.Single(s => s.Kind == TimelineKind.Refund).Events.Select(e => e.EventType));
        Assert.Equal(["charge.dispute.created"], steps.Single(s => s.Kind == TimelineKind.DisputeOpened).Events.Select(e => e.EventType));
        Assert.Equal(["payment_intent.payment_failed"], steps.Single(s => s.Kind == TimelineKind.FailedAttempt).Events.Select(e => e.EventType));
        Assert.Equal(["checkout.session.completed"], steps.Single(s => s.Kind == TimelineKind.SessionCompleted).Events.Select(e => e.EventType));
        var json = steps.Single(s => s.Kind == TimelineKind.Refund).Events.Single().Json;
        Assert.Contains("\n  \"type\": \"charge.refunded\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_whose_events_are_all_test_mode_links_to_the_test_dashboard()
    {
        var order = await SupportCase.ArrangeAsync(database, "dave@example.com", "usd", T0, livemode: false);

        var detail = await queries.GetAsync(order.Id, CancellationToken.None);

        Assert.True(detail!.TestMode);
        Assert.Equal($"https://dashboard.stripe.com/test/payments/{order.PaymentIntent}", ProviderDashboardLinks.For(detail.Header, detail.TestMode)!.Url);
        Assert.Equal($"https://dashboard.stripe.com/payments/{order.PaymentIntent}", ProviderDashboardLinks.For(detail.Header, false)!.Url);
    }

    [Fact]
    public async Task Reads_the_customers_ghl_attempts_since_the_order_newest_first()
    {
        var order = await SupportCase.ArrangeAsync(database, "Fay@Example.com", "usd", T0);
        await using (var db = database.CreateDbContext())
        {
            GhlSyncAttempt Attempt(string email, DateTimeOffset at, string outcome, int? status) => new()
            {
                Email = email, StartedAt = at, FinishedAt = at.AddSeconds(1), Outcome = outcome, HttpStatus = status,
                Error = status is null ? null : "GHL answered 500", Calls = JsonDocument.Parse("[]"), RequestCount = 3, Instance = "test",
            };
            db.GhlSyncAttempts.AddRange(
                Attempt("fay@example.com", T0.AddMinutes(-1), GhlSyncOutcome.Succeeded, null), // before the order
                Attempt("fay@example.com", T0.AddMinutes(20), GhlSyncOutcome.Retrying, 500),
                Attempt("fay@example.com", T0.AddMinutes(30), GhlSyncOutcome.Succeeded, null),
                Attempt("gus@example.com", T0.AddMinutes(25), GhlSyncOutcome.Failed, 400));
            await db.SaveChangesAsync();
        }

        var detail = await queries.GetAsync(order.Id, CancellationToken.None);

        Assert.Equal([(T0.AddMinutes(30), GhlSyncOutcome.Succeeded, (int?)null), (T0.AddMinutes(20), GhlSyncOutcome.Retrying, 500)],
            detail!.Timeline.GhlAttempts.Select(a => (a.At, a.Outcome, a.HttpStatus)));
        Assert.Equal("GHL answered 500", detail.Timeline.GhlAttempts[1].Error);
    }

    [Fact]
    public async Task An_unknown_order_is_null()
    {
        await SupportCase.ArrangeAsync(database, "erin@example.com", "usd", T0);

        Assert.Null(await queries.GetAsync(Guid.NewGuid(), CancellationToken.None));
    }
}
