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
    public async Task ApplyAsync(SerpDbContext db, PurchaseFact fact, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(fact);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("PurchaseLedger needs a transaction: the purchase lock lasts until it ends.");
        }

        // Several instances and workers may hold facts of the same purchase: one at a time per purchase.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({StableId.LockKey(fact.PurchaseKey)})", ct);
        var purchase = await PurchaseLoader.LoadAsync(db, fact, ct);
        var before = (purchase.Order?.PaymentStatus, purchase.Order?.CustomerEmail, purchase.Order?.AmountRefunded);
        var totalsBefore = TotalsInput(purchase.Order);

        PurchaseRules.Apply(purchase, fact);

        Track(db, purchase);
        if (purchase.Order is { } order)
        {
            await SyncLicenseAsync(db, order, ct);
            if (before != (order.PaymentStatus, order.CustomerEmail, order.AmountRefunded) && order.CustomerEmail is not null)
            {
                await BumpGhlAsync(db, order.CustomerEmail, requestedBy: null, ct);
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

    /// <summary>Marks the customer's GHL row as needing a sync (desired state changed); the GHL worker does the rest.</summary>
    public async Task BumpGhlAsync(SerpDbContext db, string email, string? requestedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        var key = Customers.CustomerEmail.Key(email);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO ghl_sync (email, desired_version, synced_version, status, attempts, requested_by, updated_at)
            VALUES ({key}, 1, 0, {GhlSyncStatus.Pending}, 0, {requestedBy}, {now})
            ON CONFLICT (email) DO UPDATE SET desired_version = ghl_sync.desired_version + 1, status = {GhlSyncStatus.Pending},
                attempts = 0, next_attempt_at = NULL, requested_by = EXCLUDED.requested_by, updated_at = EXCLUDED.updated_at
            """, ct);
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
    private async Task SyncLicenseAsync(SerpDbContext db, Orders.Order order, CancellationToken ct)
    {
        var offer = catalog.Find(order.OfferId);
        if (offer is not { Licensed: true } || order.PaidAt is null) return;
        var license = await db.Licenses.FirstOrDefaultAsync(l => l.OrderId == order.Id && l.ProductId == offer.ProductId, ct);
        var now = time.GetUtcNow();
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
        }

        if (LicenseRules.ShouldBeRevoked(order.PaymentStatus))
        {
            if (license.Status == LicenseStatus.Revoked) return;
            license.Status = LicenseStatus.Revoked;
            license.RevokedAt = now;
            license.RevokeReason = LicenseRules.RevokeReason(order.PaymentStatus);
        }
        else if (license.Status == LicenseStatus.Revoked)
        {
            license.Status = LicenseStatus.Active;
            license.RevokedAt = null;
            license.RevokeReason = null;
        }
    }
}
