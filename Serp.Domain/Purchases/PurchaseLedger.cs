using Microsoft.EntityFrameworkCore;
using Serp.Domain.Catalog;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;
using Serp.Domain.Licenses;

namespace Serp.Domain.Purchases;

/// <summary>
/// Applies facts to the database: locks the purchase, loads its rows, runs <see cref="PurchaseRules"/>, then keeps
/// licenses and the GHL outbox in step. Runs inside the caller's transaction (webhook processing, replay and
/// reconciliation all come through here).
/// </summary>
public sealed class PurchaseLedger(OfferCatalog catalog, TimeProvider time)
{
    private readonly GhlOutbox ghl = new(time);

    public async Task ApplyAsync(SerpDbContext db, PurchaseFact fact, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(fact);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("PurchaseLedger needs a transaction: the purchase lock lasts until it ends.");
        }

        // Several instances and workers may hold facts of the same purchase: one at a time per purchase.
        await LockAsync(db, fact, ct);
        var purchase = await PurchaseLoader.LoadAsync(db, fact, ct);
        var ghlBefore = GhlView.Of(purchase);
        var totalsBefore = TotalsInput(purchase.Order);

        PurchaseRules.Apply(purchase, fact);

        Track(db, purchase);
        var licenseChanged = purchase.Order is { } order && await SyncLicenseAsync(db, order, ct);
        var ghlAfter = GhlView.Of(purchase);
        if (licenseChanged || ghlBefore != ghlAfter)
        {
            // Both customers when the purchase changed hands: the old one loses it, the new one gains it.
            string?[] emails = [ghlBefore.Email, ghlAfter.Email];
            foreach (var email in emails.OfType<string>().Select(Customers.CustomerEmail.Key).Distinct(StringComparer.Ordinal))
            {
                await ghl.BumpAsync(db, email, requestedBy: null, GhlSyncPriority.Fresh, ct);
            }
        }
        await db.SaveChangesAsync(ct);
        await UpdateCustomerTotalsAsync(db, totalsBefore, TotalsInput(purchase.Order), ct);
    }

    private static (string? Email, string? Currency, long Amount, long Refunded, DateTimeOffset? PaidAt, string? Name) TotalsInput(Orders.Order? order) =>
        (order?.CustomerEmail, order?.Currency, order?.AmountTotal ?? 0, order?.AmountRefunded ?? 0, order?.PaidAt, order?.CustomerName);

    /// <summary>
    /// Recomputes the customer rollup for the emails whose totals the fact may have changed (the old one too, if
    /// the email itself changed), after the order rows are saved, in the same transaction.
    /// </summary>
    private static async Task UpdateCustomerTotalsAsync(SerpDbContext db,
        (string? Email, string? Currency, long Amount, long Refunded, DateTimeOffset? PaidAt, string? Name) before,
        (string? Email, string? Currency, long Amount, long Refunded, DateTimeOffset? PaidAt, string? Name) after, CancellationToken ct)
    {
        if (before == after) return;
        string?[] emails = [before.Email, after.Email];
        foreach (var email in emails.OfType<string>().Select(Customers.CustomerEmail.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await Customers.CustomerTotals.RecomputeAsync(db, email, ct);
        }
    }

    /// <summary>
    /// What of a purchase the GHL contact reflects (GhlDesiredState's input): when it differs after a fact, the
    /// customer's row is bumped. Of a checkout without an order only its abandonment counts (an open one shows nothing).
    /// </summary>
    private sealed record GhlView(
        string? Email, string? Name, string? Status, long Amount, long Refunded, string? Currency, string? OfferId,
        string? AffiliateId, DateTimeOffset? PaidAt, DateTimeOffset? CreatedAt, string? AbandonedOffer, string OpenDisputes)
    {
        public static GhlView Of(Purchase purchase)
        {
            var order = purchase.Order;
            var abandoned = purchase.Session is { Status: Checkout.CheckoutStatus.Abandoned } session ? session : null;
            return new GhlView(
                order?.CustomerEmail ?? abandoned?.CustomerEmail, order?.CustomerName, order?.PaymentStatus, order?.AmountTotal ?? 0,
                order?.AmountRefunded ?? 0, order?.Currency, order?.OfferId, order?.AffiliateId, order?.PaidAt, order?.CreatedAt,
                abandoned?.OfferId ?? (abandoned is null ? null : ""),
                string.Join(',', purchase.Disputes.Where(d => Disputes.DisputeStatus.IsOpen(d.Status)).Select(d => d.ProviderDisputeId).Order(StringComparer.Ordinal)));
        }
    }

    /// <summary>
    /// Locks every provider id the fact names, in one global order (so two transactions never wait on each other in a
    /// circle). Facts of one purchase do not all carry the same id (a dispute may name only the charge, a checkout only
    /// the session and the payment), and most share one with the facts they touch rows with, so they queue behind each
    /// other. Not all: a PayPal approval names the order, its refund only the capture; those queue on the order's row,
    /// which the loader locks once it has found it (PurchaseLoader). The orders' <c>xmin</c> token stays as the last
    /// guard, and the webhook processor applies a loser again at once (WebhookProcessor).
    /// </summary>
    private static async Task LockAsync(SerpDbContext db, PurchaseFact fact, CancellationToken ct)
    {
        foreach (var key in fact.References().Select(r => StableId.PurchaseLockKey(fact.Source, r)).Distinct().Order())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        }
    }

    private static void Track(SerpDbContext db, Purchase purchase)
    {
        object?[] rows = [purchase.Session, purchase.Order, .. purchase.Refunds, .. purchase.Disputes, .. purchase.Failures];
        foreach (var row in rows)
        {
            if (row is not null && db.Entry(row).State == EntityState.Detached) db.Add(row);
        }
    }

    /// <summary>
    /// A paid order of a licensed offer has a license, whatever the delivery order: active while the money stays,
    /// revoked (with the reason) when it went back, active again if a dispute is won.
    /// </summary>
    /// <returns>Whether the license was issued, revoked or restored.</returns>
    private async Task<bool> SyncLicenseAsync(SerpDbContext db, Orders.Order order, CancellationToken ct)
    {
        var offer = catalog.Find(order.OfferId);
        if (offer is not { Licensed: true } || order.PaidAt is null) return false;
        var license = await db.Licenses.FirstOrDefaultAsync(l => l.OrderId == order.Id && l.ProductId == offer.ProductId, ct);
        var now = time.GetUtcNow();
        var issued = false;
        if (license is null)
        {
            license = new License
            {
                Id = StableId.For("license", $"{order.Id}:{offer.ProductId}"),
                OrderId = order.Id,
                ProductId = offer.ProductId,
                Key = LicenseRules.NewKey(),
                Status = LicenseStatus.Active,
                IssuedAt = now,
            };
            db.Licenses.Add(license);
            issued = true;
        }

        if (LicenseRules.ShouldBeRevoked(order.PaymentStatus))
        {
            if (license.Status == LicenseStatus.Revoked) return issued;
            license.Status = LicenseStatus.Revoked;
            license.RevokedAt = now;
            license.RevokeReason = LicenseRules.RevokeReason(order.PaymentStatus);
            return true;
        }
        if (license.Status != LicenseStatus.Revoked) return issued;
        license.Status = LicenseStatus.Active;
        license.RevokedAt = null;
        license.RevokeReason = null;
        return true;
    }
}
