using System.Text.Json;
using Serp.Domain.Audit;
using Serp.Domain.Checkout;
using Serp.Domain.Disputes;
using Serp.Domain.Licenses;
using Serp.Domain.Notes;
using Serp.Domain.Orders;
using Serp.Domain.Payments;
using Serp.Domain.Refunds;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Tests.TestData;

/// <summary>One order with a session, a failed attempt, a refund, a dispute, a license, an audit entry, a note and its events.</summary>
public sealed record SupportCase(Guid Id, string Session, string PaymentIntent, string FailedCharge, string Refund, string Dispute, string LicenseKey, string[] EventIds)
{
    public static async Task<SupportCase> ArrangeAsync(PostgresFixture database, string email, string currency, DateTimeOffset at,
        bool livemode = true, long amount = 4900, long refunded = 1000, string disputeStatus = DisputeStatus.NeedsResponse)
    {
        var n = Guid.NewGuid().ToString("N")[..12];
        var c = new SupportCase(Guid.NewGuid(), $"cs_{n}", $"pi_{n}", $"ch_failed_{n}", $"re_{n}", $"dp_{n}", $"KEY-{n}",
            [$"evt_cs_{n}", $"evt_fail_{n}", $"evt_pi_{n}", $"evt_re_{n}", $"evt_dp_{n}"]);
        await using var db = database.CreateDbContext();
        var sessionId = Guid.NewGuid();
        db.CheckoutSessions.Add(new CheckoutSession
        {
            Id = sessionId, StripeSessionId = c.Session, StripePaymentIntentId = c.PaymentIntent, CustomerEmail = email, OfferId = "offer-serp-downloader",
            Status = CheckoutStatus.Completed, Source = PaymentSource.Stripe, CreatedAt = at, UpdatedAt = at.AddMinutes(3),
        });
        db.Orders.Add(new Order
        {
            Id = c.Id, CheckoutSessionId = sessionId, StripeSessionId = c.Session, StripePaymentIntentId = c.PaymentIntent, StripeChargeId = $"ch_{n}",
            AmountTotal = amount, Currency = currency, OfferId = "offer-serp-downloader", LanderId = "lp-1", AffiliateId = "aff-7",
            CustomerEmail = email, CustomerName = "Alice Example", Metadata = JsonDocument.Parse("""{"campaign":"spring","tries":2}"""),
            PaymentStatus = refunded > 0 ? PaymentStatus.PartiallyRefunded : PaymentStatus.Paid, PaymentMethod = "card", Source = PaymentSource.Stripe,
            CreatedAt = at.AddMinutes(3), UpdatedAt = at.AddMinutes(10), PaidAt = at.AddMinutes(3), AmountRefunded = refunded,
        });
        db.PaymentFailures.Add(new PaymentFailure
        {
            Id = Guid.NewGuid(), Source = PaymentSource.Stripe, PaymentRef = c.PaymentIntent, AttemptRef = c.FailedCharge, CustomerEmail = email,
            Amount = amount, Currency = currency, FailureCode = "card_declined", FailureMessage = "Your card was declined.", OccurredAt = at.AddMinutes(1),
        });
        db.Refunds.Add(new Refund
        {
            Id = Guid.NewGuid(), OrderId = c.Id, Source = PaymentSource.Stripe, ProviderRefundId = c.Refund, PaymentRef = c.PaymentIntent,
            Amount = refunded, Currency = currency, Status = RefundStatus.Succeeded, Reason = "requested_by_customer", RequestedBy = "agent@serp.local",
            ObservedAt = at.AddMinutes(10), CreatedAt = at.AddMinutes(10), UpdatedAt = at.AddMinutes(10),
        });
        db.Disputes.Add(new Dispute
        {
            Id = Guid.NewGuid(), OrderId = c.Id, Source = PaymentSource.Stripe, ProviderDisputeId = c.Dispute, PaymentRef = c.PaymentIntent,
            Amount = amount - refunded, Currency = currency, Reason = "fraudulent", Status = disputeStatus, EvidenceDueBy = at.AddDays(7),
            ObservedAt = at.AddMinutes(12), CreatedAt = at.AddMinutes(12), UpdatedAt = at.AddMinutes(12),
            ClosedAt = DisputeStatus.IsClosed(disputeStatus) ? at.AddMinutes(40) : null,
        });
        db.Licenses.Add(new License
        {
            Id = Guid.NewGuid(), OrderId = c.Id, ProductId = "serp-downloader", Key = c.LicenseKey, Status = LicenseStatus.Active, IssuedAt = at.AddMinutes(4),
        });
        db.AuditLog.Add(new AuditEntry
        {
            At = at.AddMinutes(10), Actor = "agent@serp.local", Action = "refund.created", TargetType = "order", TargetId = c.Id.ToString("D"),
            Details = JsonDocument.Parse("""{"amount":1000}"""), Outcome = "succeeded",
        });
        db.OrderNotes.Add(new OrderNote { Id = Guid.NewGuid(), OrderId = c.Id, Author = "agent@serp.local", Body = "Customer called about the charge.", CreatedAt = at.AddMinutes(15) });
        (string Type, string[] Refs, int Minute)[] events =
        [
            ("checkout.session.completed", [c.PaymentIntent, c.Session], 3),
            ("payment_intent.payment_failed", [c.PaymentIntent, c.FailedCharge], 1),
            ("payment_intent.succeeded", [c.PaymentIntent], 3),
            ("charge.refunded", [c.PaymentIntent, $"ch_{n}", c.Refund], 10),
            ("charge.dispute.created", [c.PaymentIntent, $"ch_{n}", c.Dispute], 12),
        ];
        for (var i = 0; i < events.Length; i++)
        {
            db.WebhookEvents.Add(new WebhookEvent
            {
                Provider = "stripe", EventId = c.EventIds[i], EventType = events[i].Type, Livemode = livemode, Status = WebhookEventStatus.Processed,
                Payload = JsonSerializer.SerializeToDocument(new { id = c.EventIds[i], type = events[i].Type, data = new { @object = new { customer_email = email } } }),
                ReceivedAt = at.AddMinutes(events[i].Minute), Refs = events[i].Refs,
            });
        }
        await db.SaveChangesAsync();
        return c;
    }
}
