using Serp.Domain.Catalog;

namespace Serp.Admin.Features.Analytics;

/// <summary>
/// One offer in one currency over a period: paid orders CREATED in the period, with their refunds and lost disputes
/// whenever they happened (counted in the period of the order). Minor units.
/// </summary>
public sealed record ProductStats(string OfferId, string? ProductId, string Currency, long Orders, long Gross, long Refunded,
    long RefundedOrders, long Disputes, long DisputesLost, long DisputesLostAmount)
{
    public long Net => Gross - Refunded - DisputesLostAmount;
}

/// <summary>The product table and <c>GET /analytics/products.csv</c>: the same numbers, from <c>analytics_offer_sales</c>.</summary>
public sealed class ProductStatsQuery(AnalyticsDatabase database, OfferCatalog catalog)
{
    private const string Sql = $"""
        SELECT offer_id, currency, {AnalyticsQueries.SumColumns}
        FROM analytics_offer_sales
        WHERE day >= $1 AND day < $2 AND ($3::text IS NULL OR source = $3) AND ($4::text IS NULL OR currency = $4)
          AND ($5::text IS NULL OR offer_id = $5)
        GROUP BY offer_id, currency
        HAVING sum(orders) <> 0
        ORDER BY offer_id COLLATE "C", currency COLLATE "C"
        """;

    /// <summary>Rows sorted by offer id, then currency (ordinal); an order without an offer has offer id "".</summary>
    public Task<List<ProductStats>> LoadAsync(DateOnly from, DateOnly to, string? source, string? currency, string? offer,
        CancellationToken ct) =>
        database.QueryAsync(Sql, [from, to, source, currency, offer], r =>
        {
            var offerId = r.GetString(0);
            return new ProductStats(offerId, catalog.Find(offerId)?.ProductId, r.GetString(1), r.GetInt64(2), r.GetInt64(3),
                r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8));
        }, ct);
}
