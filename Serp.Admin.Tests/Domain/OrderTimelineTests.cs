using Serp.Admin.Features.Orders.Detail;
using Serp.Domain.Money;

namespace Serp.Admin.Tests.Domain;

public sealed class OrderTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly Money Amount = new(4900, "usd");

    private static WebhookEventRow Event(long id, string type, int minute, params string[] refs) =>
        new(id, "stripe", $"evt_{id}", type, "processed", true, T0.AddMinutes(minute), refs, "{}");

    /// <summary>One order with every kind of step, each at its own minute, and the events behind them.</summary>
    private static OrderTimelineInput Everything() => new()
    {
        Session = new OrderSessionRow("cs_1", "completed", T0, T0.AddMinutes(3)),
        Payment = new OrderPaymentRow(T0.AddMinutes(3), null, Amount, "card", ["pi_1", "ch_2"]),
        Failures = [new PaymentFailureRow("ch_1", Amount, "card_declined", "Your card was declined.", T0.AddMinutes(1))],
        Licenses = [new LicenseRow("serp-downloader", "KEY-1", "revoked", T0.AddMinutes(4), T0.AddMinutes(20), "refunded")],
        Refunds = [new RefundRow("re_1", new Money(1000, "usd"), "succeeded", "requested_by_customer", "Asked twice", "agent@serp.local", T0.AddMinutes(10))],
        Disputes = [new DisputeRow("dp_1", Amount, "lost", "fraudulent", T0.AddDays(7), T0.AddMinutes(12), T0.AddMinutes(30))],
        StaffActions = [new StaffActionRow(1, T0.AddMinutes(9), "agent@serp.local", "refund.created", "succeeded", "{\"amount\":1000}")],
        Notes = [new NoteRow(Guid.NewGuid(), "agent@serp.local", "Customer called.", T0.AddMinutes(8))],
        Events =
        [
            Event(1, "checkout.session.completed", 3, "pi_1", "cs_1"),
            Event(2, "payment_intent.payment_failed", 1, "pi_1", "ch_1"),
            Event(3, "payment_intent.succeeded", 3, "pi_1"),
            Event(4, "charge.refunded", 10, "pi_1", "ch_2", "re_1"),
            Event(5, "charge.dispute.created", 12, "pi_1", "ch_2", "dp_1"),
            Event(6, "charge.dispute.closed", 30, "pi_1", "ch_2", "dp_1"),
        ],
    };

    [Fact]
    public void Every_kind_of_step_appears_newest_first()
    {
        var steps = OrderTimeline.Build(Everything());

        Assert.Equal(
        [
            TimelineKind.DisputeClosed, TimelineKind.LicenseRevoked, TimelineKind.DisputeOpened, TimelineKind.Refund,
            TimelineKind.StaffAction, TimelineKind.Note, TimelineKind.LicenseIssued, TimelineKind.Payment,
            TimelineKind.SessionCompleted, TimelineKind.FailedAttempt, TimelineKind.SessionCreated,
        ], steps.Select(s => s.Kind));
        Assert.Equal(steps.Select(s => s.At).OrderDescending(), steps.Select(s => s.At));
    }

    [Fact]
    public void Steps_of_the_same_instant_keep_the_order_things_happen_in()
    {
        var input = new OrderTimelineInput
        {
            Session = new OrderSessionRow("cs_1", "completed", T0, T0),
            Payment = new OrderPaymentRow(T0, null, Amount, "card", ["pi_1"]),
            Licenses = [new LicenseRow("p", "KEY", "active", T0, null, null)],
        };

        var steps = OrderTimeline.Build(input);

        Assert.Equal([TimelineKind.LicenseIssued, TimelineKind.Payment, TimelineKind.SessionCompleted, TimelineKind.SessionCreated],
            steps.Select(s => s.Kind));
    }

    [Fact]
    public void Each_event_goes_to_the_most_specific_step_that_names_it()
    {
        var steps = OrderTimeline.Build(Everything());

        string[] EventsOf(TimelineKind kind) => [.. steps.Single(s => s.Kind == kind).Events.Select(e => e.EventType)];
        Assert.Equal(["checkout.session.completed"], EventsOf(TimelineKind.SessionCompleted));
        Assert.Empty(EventsOf(TimelineKind.SessionCreated));
        Assert.Equal(["payment_intent.payment_failed"], EventsOf(TimelineKind.FailedAttempt));
        Assert.Equal(["payment_intent.succeeded"], EventsOf(TimelineKind.Payment));
        Assert.Equal(["charge.refunded"], EventsOf(TimelineKind.Refund));
        Assert.Equal(["charge.dispute.created"], EventsOf(TimelineKind.DisputeOpened));
        Assert.Equal(["charge.dispute.closed"], EventsOf(TimelineKind.DisputeClosed));
        Assert.Equal(6, steps.Sum(s => s.Events.Count));
    }

    [Fact]
    public void Steps_carry_what_an_agent_needs()
    {
        var steps = OrderTimeline.Build(Everything());

        var refund = steps.Single(s => s.Kind == TimelineKind.Refund);
        Assert.Equal((new Money(1000, "usd"), "succeeded", "agent@serp.local", "Requested by customer · Asked twice", "re_1"),
            (refund.Amount, refund.Status, refund.Actor, refund.Detail, refund.Reference));
        var failure = steps.Single(s => s.Kind == TimelineKind.FailedAttempt);
        Assert.Equal("Your card was declined. · (card_declined)", failure.Detail);
        var closed = steps.Single(s => s.Kind == TimelineKind.DisputeClosed);
        Assert.Equal("Dispute closed: Lost", closed.Title);
        Assert.Null(steps.Single(s => s.Kind == TimelineKind.DisputeOpened).DueBy);
        Assert.Equal("serp-downloader · Refunded", steps.Single(s => s.Kind == TimelineKind.LicenseRevoked).Detail);
        Assert.Equal(("Note", "Customer called.", "agent@serp.local"),
            steps.Single(s => s.Kind == TimelineKind.Note) is var n ? (n.Title, n.Detail, n.Actor) : default);
        Assert.Equal(("Staff action: refund.created", "succeeded"),
            steps.Single(s => s.Kind == TimelineKind.StaffAction) is var a ? (a.Title, a.Status) : default);
    }

    [Fact]
    public void An_open_dispute_shows_its_evidence_due_date_and_takes_all_its_events()
    {
        var due = T0.AddDays(7);
        var input = new OrderTimelineInput
        {
            Disputes = [new DisputeRow("dp_1", Amount, "needs_response", "fraudulent", due, T0, null)],
            Events = [Event(1, "charge.dispute.created", 0, "dp_1"), Event(2, "charge.dispute.updated", 5, "dp_1")],
        };

        var step = Assert.Single(OrderTimeline.Build(input));

        Assert.Equal((TimelineKind.DisputeOpened, due, 2), (step.Kind, step.DueBy, step.Events.Count));
    }

    [Fact]
    public void An_abandoned_session_ends_in_an_expired_step_and_a_failed_one_in_a_failed_step()
    {
        var expired = OrderTimeline.Build(new OrderTimelineInput { Session = new OrderSessionRow("cs_1", "abandoned", T0, T0.AddHours(24)) });
        var failed = OrderTimeline.Build(new OrderTimelineInput { Session = new OrderSessionRow("cs_2", "failed", T0, T0.AddHours(1)) });
        var open = OrderTimeline.Build(new OrderTimelineInput
        {
            Session = new OrderSessionRow("cs_3", "pending", T0, T0),
            Events = [Event(1, "checkout.session.created", 0, "cs_3")],
        });

        Assert.Equal([TimelineKind.SessionExpired, TimelineKind.SessionCreated], expired.Select(s => s.Kind));
        Assert.Equal(T0.AddHours(24), expired[0].At);
        Assert.Equal([TimelineKind.SessionFailed, TimelineKind.SessionCreated], failed.Select(s => s.Kind));
        Assert.Equal(TimelineKind.SessionCreated, Assert.Single(open).Kind);
        Assert.Single(open[0].Events);
    }

    [Fact]
    public void A_payment_that_failed_for_good_is_a_step_with_its_events()
    {
        var input = new OrderTimelineInput
        {
            Payment = new OrderPaymentRow(null, T0, Amount, null, ["pi_1"]),
            Events = [Event(1, "checkout.session.async_payment_failed", 0, "pi_1")],
        };

        var step = Assert.Single(OrderTimeline.Build(input));

        Assert.Equal((TimelineKind.PaymentFailed, 1), (step.Kind, step.Events.Count));
    }

    [Fact]
    public void An_event_that_names_no_step_is_shown_on_its_own()
    {
        var input = new OrderTimelineInput { Events = [Event(1, "charge.updated", 5, "ch_unknown")] };

        var step = Assert.Single(OrderTimeline.Build(input));

        Assert.Equal((TimelineKind.ProviderEvent, T0.AddMinutes(5), "Provider event: charge.updated"), (step.Kind, step.At, step.Title));
        Assert.Single(step.Events);
    }

    [Fact]
    public void An_order_with_nothing_yet_has_no_steps()
    {
        Assert.Empty(OrderTimeline.Build(new OrderTimelineInput()));
    }

    [Fact]
    public void The_customers_ghl_attempts_are_steps_with_their_outcome_and_error()
    {
        var steps = OrderTimeline.Build(Everything() with
        {
            GhlAttempts =
            [
                new GhlAttemptStepRow(T0.AddMinutes(5), "retrying", 503, "GHL answered 503", 2),
                new GhlAttemptStepRow(T0.AddMinutes(6), "succeeded", null, null, 4),
            ],
        });

        var ghl = steps.Where(s => s.Kind == TimelineKind.GhlSync).ToList();
        Assert.Equal(2, ghl.Count);
        Assert.Equal(("succeeded", "4 requests to GHL"), (ghl[0].Status, ghl[0].Detail));
        Assert.Equal(("retrying", "HTTP 503: GHL answered 503"), (ghl[1].Status, ghl[1].Detail));
        // In time with the rest: after the license (minute 4), before the note (minute 8).
        var kinds = steps.Select(s => s.Kind).ToList();
        Assert.True(kinds.IndexOf(TimelineKind.Note) < kinds.IndexOf(TimelineKind.GhlSync));
        Assert.True(kinds.LastIndexOf(TimelineKind.GhlSync) < kinds.IndexOf(TimelineKind.LicenseIssued));
    }
}
