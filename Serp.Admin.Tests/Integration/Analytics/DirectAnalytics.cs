using Npgsql;
using Serp.Admin.Features.Analytics;

namespace Serp.Admin.Tests.Integration.Analytics;

/// <summary>Analytics figures written straight over the base tables, as a BI tool would: what the rollups must equal.</summary>
internal static class DirectAnalytics
{
    /// <summary>The product CSV's contract definition: "offer,currency,orders,gross,refunded,disputes_lost,net" per row.</summary>
    public static async Task<List<string>> ProductsAsync(NpgsqlDataSource dataSource, DateOnly from, DateOnly to, string? source)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT coalesce(o.offer_id, ''), o.currency, count(*), sum(o.amount_total), sum(o.amount_refunded),
                   coalesce(sum(l.lost), 0), sum(o.amount_total) - sum(o.amount_refunded) - coalesce(sum(l.lost), 0)
            FROM orders o
            LEFT JOIN (SELECT order_id, sum(amount) AS lost FROM disputes WHERE status = 'lost' GROUP BY order_id) l ON l.order_id = o.id
            WHERE o.paid_at IS NOT NULL AND o.created_at >= $1 AND o.created_at < $2 AND ($3::text IS NULL OR o.source = $3)
            GROUP BY 1, 2 ORDER BY coalesce(o.offer_id, '') COLLATE "C", o.currency COLLATE "C"
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) });
        command.Parameters.Add(new NpgsqlParameter { Value = new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)source ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(',', reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetDecimal(3),
                reader.GetDecimal(4), reader.GetDecimal(5), reader.GetDecimal(6)));
        }
        return rows;
    }

    private sealed record PaidOrder(string Email, string Currency, DateTimeOffset At, DateOnly Day, long Gross, long Net);

    /// <summary>
    /// The Customers section computed from every paid order with an email, customer by customer in memory: buyers of
    /// each bucket (cut by the period) new or returning, cohorts of the months the period touches, lifetime values of
    /// the customers acquired in the period.
    /// </summary>
    public static async Task<CustomerFigures> CustomersAsync(NpgsqlDataSource dataSource, AnalyticsFilter filter, string currency)
    {
        var orders = new List<PaidOrder>();
        await using (var command = dataSource.CreateCommand("""
            SELECT lower(o.customer_email), o.currency, o.created_at, o.amount_total,
                   o.amount_total - o.amount_refunded - coalesce((SELECT sum(amount) FROM disputes d WHERE d.order_id = o.id AND d.status = 'lost'), 0)
            FROM orders o WHERE o.paid_at IS NOT NULL AND o.customer_email IS NOT NULL
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var at = reader.GetFieldValue<DateTimeOffset>(2);
                orders.Add(new PaidOrder(reader.GetString(0), reader.GetString(1), at, DateOnly.FromDateTime(at.UtcDateTime),
                    reader.GetInt64(3), reader.GetInt64(4)));
            }
        }
        var customers = orders.GroupBy(o => (o.Email, o.Currency))
            .Select(g => (g.Key.Email, g.Key.Currency, First: g.Min(o => o.Day), Orders: g.ToList())).ToList();
        var mine = customers.Where(c => c.Currency == currency).ToList();

        var buckets = AnalyticsQueries.BucketStarts(filter.From, filter.To, filter.Granularity);
        var buyers = buckets.Select((start, i) =>
        {
            var a = start < filter.From ? filter.From : start;
            var b = i + 1 < buckets.Count ? buckets[i + 1] : filter.To;
            var active = mine.Select(c => (c.First, In: c.Orders.Where(o => o.Day >= a && o.Day < b).ToList())).Where(c => c.In.Count > 0).ToList();
            return new BuyersInBucket(active.Count(c => c.First >= a), active.Count(c => c.First < a),
                active.Where(c => c.First >= a).Sum(c => c.In.Sum(o => o.Gross)), active.Where(c => c.First < a).Sum(c => c.In.Sum(o => o.Gross)));
        }).ToList();

        static DateOnly Month(DateOnly d) => new(d.Year, d.Month, 1);
        static int Between(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month;
        var cohortCustomers = mine.Where(c => Month(c.First) >= Month(filter.From) && Month(c.First) < filter.To).ToList();
        var last = cohortCustomers.SelectMany(c => c.Orders).Select(o => Month(o.Day)).DefaultIfEmpty().Max();
        var cohorts = cohortCustomers.GroupBy(c => Month(c.First)).OrderBy(g => g.Key).Select(g => new CohortRow(g.Key,
            [.. Enumerable.Range(0, Between(g.Key, last) + 1).Select(n =>
            {
                var month = g.Key.AddMonths(n);
                var inMonth = g.SelectMany(c => c.Orders.Where(o => Month(o.Day) == month).Select(o => (c.Email, o))).ToList();
                return new CohortCell(inMonth.Select(x => x.Email).Distinct().Count(), inMonth.Count, inMonth.Sum(x => x.o.Net));
            })])).ToList();

        var values = customers.Where(c => c.First >= filter.From && c.First < filter.To)
            .GroupBy(c => c.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var sorted = g.Select(c => c.Orders.Sum(o => o.Net)).Order().ToList();
                var n = sorted.Count;
                var total = sorted.Sum();
                var median = (long)Math.Floor((sorted[(n - 1) / 2] + (decimal)sorted[n / 2]) / 2);
                return (g.Key, Value: new LifetimeValue(g.Key, n, total, (long)Math.Floor((decimal)total / n), median), sorted);
            }).ToList();
        var distribution = values.Where(v => v.Key == currency).SelectMany(v => v.sorted).GroupBy(v => v)
            .Select(g => (Net: g.Key, Customers: (long)g.Count())).OrderBy(v => v.Net).ToList();
        return new CustomerFigures
        {
            Currency = currency, Buckets = buckets, Buyers = buyers, Cohorts = cohorts,
            Values = [.. values.Select(v => v.Value)], Distribution = CustomerFigures.Bin(distribution),
        };
    }
}
