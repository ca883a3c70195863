using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;

namespace Serp.Domain.Customers;

/// <summary>
/// Keeps <c>customer_totals</c> equal to an aggregate of <c>orders</c>: each change recomputes the touched
/// customer's rows from their orders, so the result never depends on the order facts arrive in
/// (docs/decisions/0011-customer-totals-rollup.md).
/// </summary>
public static class CustomerTotals
{
    /// <summary>The aggregate both the backfill and the per-customer recompute insert (the latter narrows it).</summary>
    private const string Aggregate = """
        INSERT INTO customer_totals (email, currency, customer_name, orders, gross, refunded, first_purchase_at, last_purchase_at)
        SELECT lower(customer_email), currency,
               (array_agg(customer_name ORDER BY created_at DESC) FILTER (WHERE customer_name IS NOT NULL))[1],
               count(*), sum(amount_total), sum(amount_refunded), min(created_at), max(created_at)
        FROM orders
        WHERE paid_at IS NOT NULL AND customer_email IS NOT NULL
        """;

    private const string Grouping = "\nGROUP BY lower(customer_email), currency";

    /// <summary>Rebuilds every row from the orders (migration, demo load).</summary>
    public const string BackfillSql = "DELETE FROM customer_totals;\n" + Aggregate + Grouping + ";";

    private const string RecomputeSql = Aggregate + " AND lower(customer_email) = @email" + Grouping;

    /// <summary>
    /// Recomputes one customer's rows from their orders, in the caller's transaction. The advisory lock makes a
    /// concurrent recomputation of the same customer wait for this one to commit, and then see its orders; callers
    /// that touch several customers take them in ordinal order.
    /// </summary>
    public static async Task RecomputeAsync(SerpDbContext db, string email, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = CustomerEmail.Key(email);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Purchases.StableId.LockKey("customer:" + key)})", ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM customer_totals WHERE email = {key}", ct);
        await db.Database.ExecuteSqlRawAsync(RecomputeSql, [new Npgsql.NpgsqlParameter("email", key)], ct);
    }
}
