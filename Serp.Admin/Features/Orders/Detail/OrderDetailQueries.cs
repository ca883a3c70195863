using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;
using Serp.Domain.Money;

namespace Serp.Admin.Features.Orders.Detail;

/// <summary>
/// The order page's reads: one order and everything that happened to it, each a small indexed query (order by
/// primary key, the rest by order id, payment ref, audit target, or <c>refs &amp;&amp; @ids</c> on the GIN index).
/// </summary>
public sealed class OrderDetailQueries(IDbContextFactory<SerpDbContext> dbFactory)
{
    /// <summary>More events than this for one order means a loop somewhere; the newest are the ones to read.</summary>
    public const int MaxEvents = 200;

    /// <summary>The newest GHL attempts of the customer shown on the order; the full history is on /ghl.</summary>
    public const int MaxGhlAttempts = 20;

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Shown as text, never as markup: keep names and symbols readable instead of \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<OrderDetail?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().Where(o => o.Id == id).Select(o => new
        {
            o.Id, o.AmountTotal, o.Currency, o.AmountRefunded, o.PaymentStatus, o.Source, o.CustomerEmail, o.CustomerName,
            o.OfferId, o.LanderId, o.AffiliateId, o.PaymentMethod, o.StripePaymentIntentId, o.StripeChargeId,
            o.StripeSessionId, o.PaypalOrderId, o.PaypalCaptureId, o.CreatedAt, o.PaidAt, o.FailedAt, o.Metadata,
            Session = o.CheckoutSession == null ? null : new OrderSessionRow(
                o.CheckoutSession.StripeSessionId, o.CheckoutSession.Status, o.CheckoutSession.CreatedAt, o.CheckoutSession.UpdatedAt),
        }).SingleOrDefaultAsync(ct);
        if (order is null) return null;

        var session = order.Session ?? (order.StripeSessionId is null ? null : await db.CheckoutSessions.AsNoTracking()
            .Where(s => s.StripeSessionId == order.StripeSessionId)
            .Select(s => new OrderSessionRow(s.StripeSessionId, s.Status, s.CreatedAt, s.UpdatedAt))
            .SingleOrDefaultAsync(ct));
        var amount = new Money(order.AmountTotal, order.Currency);
        string[] paymentRefs = [.. new[] { order.StripePaymentIntentId, order.StripeChargeId, order.PaypalOrderId, order.PaypalCaptureId }.OfType<string>()];

        var failures = await db.PaymentFailures.AsNoTracking()
            .Where(f => f.Source == order.Source && paymentRefs.Contains(f.PaymentRef))
            .Select(f => new PaymentFailureRow(f.AttemptRef, new Money(f.Amount, f.Currency), f.FailureCode, f.FailureMessage, f.OccurredAt))
            .ToListAsync(ct);
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.OrderId == id)
            .Select(r => new RefundRow(r.ProviderRefundId, new Money(r.Amount, r.Currency), r.Status, r.Reason, r.Note, r.RequestedBy, r.CreatedAt))
            .ToListAsync(ct);
        var disputes = await db.Disputes.AsNoTracking().Where(d => d.OrderId == id)
            .Select(d => new DisputeRow(d.ProviderDisputeId, new Money(d.Amount, d.Currency), d.Status, d.Reason, d.EvidenceDueBy, d.CreatedAt, d.ClosedAt))
            .ToListAsync(ct);
        var licenses = await db.Licenses.AsNoTracking().Where(l => l.OrderId == id)
            .Select(l => new LicenseRow(l.ProductId, l.Key, l.Status, l.IssuedAt, l.RevokedAt, l.RevokeReason))
            .ToListAsync(ct);
        var target = id.ToString("D");
        var actions = await db.AuditLog.AsNoTracking().Where(a => a.TargetType == "order" && a.TargetId == target)
            .Select(a => new { a.Id, a.At, a.Actor, a.Action, a.Outcome, a.Details })
            .ToListAsync(ct);
        var notes = await db.OrderNotes.AsNoTracking().Where(n => n.OrderId == id)
            .Select(n => new NoteRow(n.Id, n.Author, n.Body, n.CreatedAt))
            .ToListAsync(ct);

        string[] eventRefs = [.. paymentRefs
            .Concat(session?.ProviderSessionId is { } cs ? [cs] : [])
            .Concat(failures.Select(f => f.AttemptRef))
            .Concat(refunds.Select(r => r.ProviderRefundId))
            .Concat(disputes.Select(d => d.ProviderDisputeId))
            .Distinct(StringComparer.Ordinal)];
        var events = eventRefs.Length == 0 ? [] : await db.WebhookEvents.AsNoTracking()
            .Where(e => e.Refs.Any(r => eventRefs.Contains(r)))
            .OrderByDescending(e => e.ReceivedAt).Take(MaxEvents)
            .Select(e => new { e.Id, e.Provider, e.EventId, e.EventType, e.Status, e.Livemode, e.ReceivedAt, e.Refs, e.Payload })
            .ToListAsync(ct);

        var customer = order.CustomerEmail is null ? null : Domain.Customers.CustomerEmail.Key(order.CustomerEmail);
        var ghlAttempts = customer is null ? [] : await db.GhlSyncAttempts.AsNoTracking()
            .Where(a => a.Email == customer && a.StartedAt >= order.CreatedAt)
            .OrderByDescending(a => a.StartedAt).Take(MaxGhlAttempts)
            .Select(a => new GhlAttemptStepRow(a.StartedAt, a.Outcome, a.HttpStatus, a.Error, a.RequestCount))
            .ToListAsync(ct);

        var header = new OrderHeader(order.Id, amount, order.AmountRefunded, order.PaymentStatus, order.Source, order.CustomerEmail,
            order.CustomerName, order.OfferId, order.LanderId, order.AffiliateId, order.PaymentMethod, order.StripePaymentIntentId,
            order.StripeChargeId, order.PaypalOrderId, order.PaypalCaptureId, order.CreatedAt, KeyValues(order.Metadata));
        return new OrderDetail(header, new OrderTimelineInput
        {
            Session = session,
            Payment = new OrderPaymentRow(order.PaidAt, order.FailedAt, amount, order.PaymentMethod, paymentRefs),
            Failures = failures,
            Refunds = refunds,
            Disputes = disputes,
            Licenses = licenses,
            StaffActions = [.. actions.Select(a => new StaffActionRow(a.Id, a.At, a.Actor, a.Action, a.Outcome, Readable(a.Details)))],
            Notes = notes,
            Events = [.. events.Select(e => new WebhookEventRow(e.Id, e.Provider, e.EventId, e.EventType, e.Status, e.Livemode,
                e.ReceivedAt, e.Refs, Pretty(e.Payload)))],
            GhlAttempts = ghlAttempts,
        });
    }

    /// <summary>The metadata object as key/value pairs: strings as they are, anything else as its JSON.</summary>
    private static List<KeyValuePair<string, string>> KeyValues(JsonDocument? metadata)
    {
        using (metadata)
        {
            if (metadata?.RootElement.ValueKind != JsonValueKind.Object) return [];
            // jsonb keeps keys in its own order (shortest first); by name is what a reader scans for.
            return [.. metadata.RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Name,
                p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText()))];
        }
    }

    private static string Pretty(JsonDocument payload)
    {
        using (payload) return JsonSerializer.Serialize(payload.RootElement, Indented);
    }

    private static string? Readable(JsonDocument? details)
    {
        using (details) return details is null ? null : AuditDetailsText.Format(details.RootElement);
    }
}
