using System.Globalization;
using Serp.Admin.Components.Shared;
using Serp.Domain.Checkout;
using Serp.Domain.Disputes;
using Serp.Domain.Licenses;

namespace Serp.Admin.Features.Orders.Detail;

/// <summary>
/// Merges an order's rows into one story, newest step first (ties keep the order things happen in: created before
/// completed before paid). Pure: rows in, ordered steps out.
/// </summary>
public static class OrderTimeline
{
    public static IReadOnlyList<TimelineStep> Build(OrderTimelineInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var steps = new List<Draft>();
        AddSession(input.Session, steps);
        AddPayment(input.Payment, steps);
        foreach (var f in input.Failures)
        {
            steps.Add(new Draft(new TimelineStep(TimelineKind.FailedAttempt, f.OccurredAt, "Payment attempt failed")
            {
                Amount = f.Amount, Detail = Join(f.FailureMessage, f.FailureCode is null ? null : $"({f.FailureCode})"), Reference = f.AttemptRef,
            }, Claim.Failure, [f.AttemptRef]));
        }
        foreach (var r in input.Refunds)
        {
            steps.Add(new Draft(new TimelineStep(TimelineKind.Refund, r.CreatedAt, "Refund")
            {
                Amount = r.Amount, Status = r.Status, Actor = r.RequestedBy, Detail = Join(CodeText.Words(r.Reason), r.Note), Reference = r.ProviderRefundId,
            }, Claim.Refund, [r.ProviderRefundId]));
        }
        foreach (var d in input.Disputes) AddDispute(d, steps);
        foreach (var l in input.Licenses)
        {
            steps.Add(new Draft(new TimelineStep(TimelineKind.LicenseIssued, l.IssuedAt, "License issued") { Detail = l.ProductId, Reference = l.Key }));
            if (l.Status == LicenseStatus.Revoked && l.RevokedAt is { } revokedAt)
            {
                steps.Add(new Draft(new TimelineStep(TimelineKind.LicenseRevoked, revokedAt, "License revoked")
                {
                    Detail = Join(l.ProductId, CodeText.Words(l.RevokeReason)), Reference = l.Key,
                }));
            }
        }
        foreach (var a in input.StaffActions)
        {
            steps.Add(new Draft(new TimelineStep(TimelineKind.StaffAction, a.At, $"Staff action: {a.Action}")
            {
                Actor = a.Actor, Status = a.Outcome, Detail = a.Details,
            }));
        }
        foreach (var n in input.Notes)
        {
            steps.Add(new Draft(new TimelineStep(TimelineKind.Note, n.CreatedAt, "Note") { Actor = n.Author, Detail = n.Body }));
        }

        foreach (var g in input.GhlAttempts)
        {
            steps.Add(new Draft(new TimelineStep(TimelineKind.GhlSync, g.At, "GHL sync")
            {
                Status = g.Outcome,
                Detail = g.Error is null
                    ? string.Create(CultureInfo.InvariantCulture, $"{g.RequestCount} request{(g.RequestCount == 1 ? "" : "s")} to GHL")
                    : g.HttpStatus is { } status ? string.Create(CultureInfo.InvariantCulture, $"HTTP {status}: {g.Error}") : g.Error,
            }));
        }

        AttachEvents(input.Events, steps);
        return [.. steps
            .Select((d, i) => (Step: d.Step with { Events = [.. d.Events.OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id)] }, Index: i))
            .OrderByDescending(s => s.Step.At).ThenByDescending(s => (int)s.Step.Kind).ThenByDescending(s => s.Index)
            .Select(s => s.Step)];
    }

    private static void AddSession(OrderSessionRow? session, List<Draft> steps)
    {
        if (session is null) return;
        string[] refs = session.ProviderSessionId is null ? [] : [session.ProviderSessionId];
        (TimelineKind Kind, string Title)? end = session.Status switch
        {
            CheckoutStatus.Completed => (TimelineKind.SessionCompleted, "Checkout completed"),
            CheckoutStatus.Abandoned => (TimelineKind.SessionExpired, "Checkout expired (abandoned)"),
            CheckoutStatus.Failed => (TimelineKind.SessionFailed, "Checkout failed"),
            _ => null,
        };
        // The session's own events report how it ended; only a session still open carries them on its creation.
        steps.Add(new Draft(new TimelineStep(TimelineKind.SessionCreated, session.CreatedAt, "Checkout session created")
        {
            Reference = session.ProviderSessionId,
        }, end is null ? Claim.Session : Claim.None, refs));
        if (end is { } e)
        {
            steps.Add(new Draft(new TimelineStep(e.Kind, session.UpdatedAt, e.Title) { Reference = session.ProviderSessionId }, Claim.Session, refs));
        }
    }

    private static void AddPayment(OrderPaymentRow? payment, List<Draft> steps)
    {
        if (payment is null) return;
        if (payment.PaidAt is { } paidAt)
        {
            steps.Add(new Draft(new TimelineStep(TimelineKind.Payment, paidAt, "Payment succeeded")
            {
                Amount = payment.Amount, Detail = payment.PaymentMethod, Reference = payment.Refs.Count > 0 ? payment.Refs[0] : null,
            }, Claim.Payment, payment.Refs));
        }
        if (payment.FailedAt is { } failedAt)
        {
            steps.Add(new Draft(new TimelineStep(TimelineKind.PaymentFailed, failedAt, "Payment failed")
            {
                Amount = payment.Amount, Reference = payment.Refs.Count > 0 ? payment.Refs[0] : null,
            }, payment.PaidAt is null ? Claim.Payment : Claim.None, payment.Refs));
        }
    }

    private static void AddDispute(DisputeRow d, List<Draft> steps)
    {
        var closed = d.ClosedAt is not null && DisputeStatus.IsClosed(d.Status);
        steps.Add(new Draft(new TimelineStep(TimelineKind.DisputeOpened, d.CreatedAt, "Dispute opened")
        {
            Amount = d.Amount, Status = d.Status, Detail = CodeText.Words(d.Reason), Reference = d.ProviderDisputeId,
            DueBy = closed ? null : d.EvidenceDueBy,
        }, Claim.Dispute, [d.ProviderDisputeId]));
        if (closed)
        {
            steps.Add(new Draft(new TimelineStep(TimelineKind.DisputeClosed, d.ClosedAt!.Value, $"Dispute closed: {CodeText.Words(d.Status)}")
            {
                Amount = d.Amount, Status = d.Status, Reference = d.ProviderDisputeId,
            }, Claim.Dispute, [d.ProviderDisputeId]) { ClosingOnly = true });
        }
    }

    /// <summary>
    /// Every event goes to the most specific step that names one of its ids: a refund or dispute id beats a failed
    /// attempt's charge, which beats the session, which beats the payment (most events also name the payment).
    /// Events that name none of them become steps of their own, so nothing found for the order is hidden.
    /// </summary>
    private static void AttachEvents(IReadOnlyList<WebhookEventRow> events, List<Draft> steps)
    {
        foreach (var e in events)
        {
            var refs = e.Refs.ToHashSet(StringComparer.Ordinal);
            var owners = steps.Where(s => s.Claim != Claim.None && s.Refs.Any(refs.Contains)).ToList();
            if (owners.Count == 0)
            {
                steps.Add(new Draft(new TimelineStep(TimelineKind.ProviderEvent, e.ReceivedAt, $"Provider event: {e.EventType}") { Reference = e.EventId }) { Events = { e } });
                continue;
            }
            var best = owners.Max(s => s.Claim);
            var chosen = owners.Where(s => s.Claim == best).ToList();
            // A dispute's closing event belongs to its "closed" step; every other dispute event to its opening.
            if (best == Claim.Dispute)
            {
                var closing = e.EventType.Contains("closed", StringComparison.Ordinal) || e.EventType.Contains("resolved", StringComparison.OrdinalIgnoreCase);
                var opened = chosen;
                chosen = closing
                    ? [.. opened.Where(s => s.ClosingOnly || !opened.Any(o => o.ClosingOnly && o.Refs.SequenceEqual(s.Refs)))]
                    : [.. opened.Where(s => !s.ClosingOnly)];
            }
            foreach (var step in chosen) step.Events.Add(e);
        }
    }

    private static string? Join(string? first, string? second) =>
        string.Join(" · ", new[] { first, second }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } text ? text : null;

    private enum Claim
    {
        None,
        Payment,
        Session,
        Failure,
        Dispute,
        Refund,
    }

    private sealed record Draft(TimelineStep Step, Claim Claim = Claim.None, IReadOnlyList<string>? OwnRefs = null)
    {
        public IReadOnlyList<string> Refs => OwnRefs ?? [];
        public bool ClosingOnly { get; init; }
        public List<WebhookEventRow> Events { get; } = [];
    }
}
