using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Serp.Domain.Data;
using Serp.Domain.Money;

namespace Serp.Admin.Features.Orders.Detail;

/// <summary>
/// The order page's reads: the order with its checkout session (one query), then everything that happened to it in
/// one batched round trip (<see cref="OrderHistoryBatch"/>).
/// </summary>
public sealed class OrderDetailQueries(IDbContextFactory<SerpDbContext> dbFactory)
{
    /// <summary>More events than this for one order means a loop somewhere; the newest are the ones to read.</summary>
    public const int MaxEvents = 200;

    /// <summary>The newest GHL attempts of the customer shown on the order; the full history is on /ghl.</summary>
    public const int MaxGhlAttempts = 20;

    public async Task<OrderDetail?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One connection for the order and the batch after it.
        await db.Database.OpenConnectionAsync(ct);
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
        var customer = order.CustomerEmail is null ? null : Domain.Customers.CustomerEmail.Key(order.CustomerEmail);
        var history = await OrderHistoryBatch.ReadAsync((NpgsqlConnection)db.Database.GetDbConnection(), id, order.Source, paymentRefs,
            session?.ProviderSessionId, customer, order.CreatedAt, ct);

        var header = new OrderHeader(order.Id, amount, order.AmountRefunded, order.PaymentStatus, order.Source, order.CustomerEmail,
            order.CustomerName, order.OfferId, order.LanderId, order.AffiliateId, order.PaymentMethod, order.StripePaymentIntentId,
            order.StripeChargeId, order.PaypalOrderId, order.PaypalCaptureId, order.CreatedAt, KeyValues(order.Metadata));
        return new OrderDetail(header, new OrderTimelineInput
        {
            Session = session,
            Payment = new OrderPaymentRow(order.PaidAt, order.FailedAt, amount, order.PaymentMethod, paymentRefs),
            Failures = history.Failures,
            Refunds = history.Refunds,
            Disputes = history.Disputes,
            Licenses = history.Licenses,
            StaffActions = history.StaffActions,
            Notes = history.Notes,
            Events = history.Events,
            GhlAttempts = history.GhlAttempts,
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
}
