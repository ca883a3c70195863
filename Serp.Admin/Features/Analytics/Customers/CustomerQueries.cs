using Serp.Domain.Analytics;

namespace Serp.Admin.Features.Analytics;

/// <summary>
/// The Customers section of <c>/analytics</c> from the per-customer rollups (<see cref="CustomerRollups"/>): three
/// statements. A customer is an email in one currency; the currency filter applies, source and offer do not (a
/// customer's history spans both).
/// </summary>
public sealed class CustomerQueries(AnalyticsDatabase database)
{
    // $1 from, $2 to, $3 date_trunc unit, $4 currency. A bucket cut by the period starts at the period's start: an
    // order is a new customer's when their first purchase is on or after the bucket's start, and the first of a
    // returning buyer in the bucket when their previous purchase is before it.
    private const string Offset = "day - greatest(date_trunc($3, day::timestamp)::date, $1)";

    private const string BuyersSql = $"""
        SELECT bucket, sum(new_buyers)::bigint, sum(returning_buyers)::bigint, sum(new_gross)::bigint, sum(returning_gross)::bigint
        FROM (SELECT date_trunc($3, day::timestamp)::date AS bucket, CASE WHEN since_prev = -1 THEN orders ELSE 0 END AS new_buyers,
                     CASE WHEN since_prev > {Offset} THEN orders ELSE 0 END AS returning_buyers, 0 AS new_gross, 0 AS returning_gross
              FROM analytics_customer_prev WHERE day >= $1 AND day < $2 AND currency = $4
              UNION ALL
              SELECT date_trunc($3, day::timestamp)::date, 0, 0, CASE WHEN since_first <= {Offset} THEN gross ELSE 0 END,
                     CASE WHEN since_first > {Offset} THEN gross ELSE 0 END
              FROM analytics_customer_first WHERE day >= $1 AND day < $2 AND currency = $4) d
        GROUP BY bucket
        """;

    private const string CohortsSql = """
        SELECT cohort_month, order_month, sum(customers)::bigint, sum(orders)::bigint,
               sum(gross - refunded - disputes_lost_amount)::bigint
        FROM analytics_cohorts
        WHERE currency = $3 AND cohort_month >= date_trunc('month', $1::timestamp)::date AND cohort_month < $2
        GROUP BY 1, 2 HAVING sum(orders) <> 0
        """;

    // $3, $4: the whole months inside [$1, $2) (AnalyticsQueries.WholeMonths): read from the monthly rollup; the other
    // days by day.
    private static readonly string ValuesSql = $"""
        SELECT currency, net, sum(customers)::bigint
        FROM (SELECT currency, net, customers FROM analytics_monthly_customer_values WHERE first_month >= $3 AND first_month < $4
              UNION ALL
              SELECT currency, net, customers FROM analytics_customer_values
              WHERE {AnalyticsQueries.OutsideWholeMonths("first_day", "$1", "$2", "$3", "$4")}) v
        GROUP BY 1, 2 HAVING sum(customers) <> 0 ORDER BY 1, 2
        """;

    public async Task<CustomerFigures> LoadAsync(AnalyticsFilter filter, string currency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var unit = filter.Granularity.ToString().ToLowerInvariant();
        // The three statements at once, each on its own pooled connection (as the figures').
        var buyersTask = database.QueryAsync(BuyersSql, [filter.From, filter.To, unit, currency],
            r => (Bucket: r.GetFieldValue<DateOnly>(0), Buyers: new BuyersInBucket(r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4))), ct);
        var cohortsTask = database.QueryAsync(CohortsSql, [filter.From, filter.To, currency],
            r => (Cohort: r.GetFieldValue<DateOnly>(0), Month: r.GetFieldValue<DateOnly>(1),
                Cell: new CohortCell(r.GetInt64(2), r.GetInt64(3), r.GetInt64(4))), ct);
        var (monthsFrom, monthsTo) = AnalyticsQueries.WholeMonths(filter.From, filter.To);
        var valuesTask = database.QueryAsync(ValuesSql, [filter.From, filter.To, monthsFrom, monthsTo],
            r => (Currency: r.GetString(0), Net: r.GetInt64(1), Customers: r.GetInt64(2)), ct);
        await Task.WhenAll(buyersTask, cohortsTask, valuesTask);
        var (buyers, cohorts, values) = (await buyersTask, await cohortsTask, await valuesTask);

        var buckets = AnalyticsQueries.BucketStarts(filter.From, filter.To, filter.Granularity);
        var byBucket = buyers.ToDictionary(b => b.Bucket, b => b.Buyers);
        var lastMonth = cohorts.Count == 0 ? default : cohorts.Max(c => c.Month);
        var selected = values.Where(v => v.Currency == currency).Select(v => (v.Net, v.Customers)).ToList();
        return new CustomerFigures
        {
            Currency = currency,
            Buckets = buckets,
            Buyers = [.. buckets.Select(b => byBucket.GetValueOrDefault(b, BuyersInBucket.Zero))],
            Cohorts = [.. cohorts.GroupBy(c => c.Cohort).OrderBy(g => g.Key).Select(g =>
            {
                var cells = new CohortCell[MonthsBetween(g.Key, lastMonth) + 1];
                Array.Fill(cells, CohortCell.Zero);
                foreach (var c in g) cells[MonthsBetween(g.Key, c.Month)] = c.Cell;
                return new CohortRow(g.Key, cells);
            })],
            Values = [.. values.GroupBy(v => v.Currency).Select(g => LifetimeValue.From(g.Key, [.. g.Select(v => (v.Net, v.Customers))]))],
            Distribution = CustomerFigures.Bin(selected),
        };
    }

    private static int MonthsBetween(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month;
}
