using Npgsql;

namespace Serp.Admin.Features.Analytics;

/// <summary>
/// The queries behind one load of <c>/analytics</c>, all over the rollup tables (never over orders): seven
/// statements, each reading the current and the previous period at once where the page compares them. Days are UTC
/// days. Sales come from <c>analytics_offer_sales</c> (day × offer × currency × source); acquisition and conversion by
/// lander from monthly rollups for the period's whole months and from daily ones for the days of its cut months only;
/// conversion over time and by offer from <c>analytics_offer_checkouts</c>. The statements after the currencies run
/// concurrently.
/// </summary>
public sealed class AnalyticsQueries(AnalyticsDatabase database)
{
    // $1 previous from, $2 from, $3 to, $4 date_trunc unit, $5 source, $6 offer, $7 currency.
    private const string SourceAndOffer = "($5::text IS NULL OR source = $5) AND ($6::text IS NULL OR offer_id = $6)";
    private const string Filters = $"day >= $1 AND day < $3 AND {SourceAndOffer}";
    private const string Bucket = "date_trunc($4, day::timestamp)::date";

    private const string CurrenciesSql = """
        SELECT currency FROM analytics_offer_sales
        WHERE day >= $1 AND day < $2 AND ($3::text IS NULL OR source = $3) AND ($4::text IS NULL OR offer_id = $4)
        GROUP BY currency HAVING sum(orders) <> 0 ORDER BY sum(orders) DESC, currency
        """;

    private const string SalesSql = $"""
        SELECT day >= $2, {Bucket}, offer_id, {SumColumns}
        FROM analytics_offer_sales WHERE {Filters} AND currency = $7
        GROUP BY 1, 2, 3
        """;

    // $8, $9: the whole months inside the period, [$8, $9) (empty when $8 = $9); the other days of [$2, $3) are read by day.
    private static readonly string CutDays = OutsideWholeMonths("day", "$2", "$3", "$8", "$9");

    private const string Narrow = $"{SourceAndOffer} AND currency = $7";

    /// <summary>The seven sales values summed (the sales rollups' columns, in <see cref="SalesSums"/>' order).</summary>
    internal const string SumColumns = """
        sum(orders)::bigint, sum(gross)::bigint, sum(refunded)::bigint, sum(refunded_orders)::bigint,
        sum(disputes)::bigint, sum(disputes_lost)::bigint, sum(disputes_lost_amount)::bigint
        """;

    private static readonly string AcquisitionSql = $"""
        SELECT lander, name, {SumColumns}
        FROM (SELECT true AS lander, lander_id AS name, orders, gross, refunded, refunded_orders, disputes, disputes_lost, disputes_lost_amount
              FROM analytics_monthly_landers WHERE month >= $8 AND month < $9 AND {Narrow}
              UNION ALL
              SELECT false, affiliate_id, orders, gross, refunded, refunded_orders, disputes, disputes_lost, disputes_lost_amount
              FROM analytics_monthly_affiliates WHERE month >= $8 AND month < $9 AND {Narrow}
              UNION ALL
              SELECT true, lander_id, orders, gross, refunded, refunded_orders, disputes, disputes_lost, disputes_lost_amount
              FROM analytics_daily_landers WHERE {CutDays} AND {Narrow}
              UNION ALL
              SELECT false, affiliate_id, orders, gross, refunded, refunded_orders, disputes, disputes_lost, disputes_lost_amount
              FROM analytics_daily_affiliates WHERE {CutDays} AND {Narrow}) a
        GROUP BY lander, name
        """;

    private const string CheckoutValues = "sum(sessions)::bigint, sum(completed)::bigint, sum(abandoned)::bigint, sum(failed)::bigint";

    private const string CheckoutsSql = $"""
        SELECT day >= $2, {Bucket}, offer_id, {CheckoutValues}
        FROM analytics_offer_checkouts WHERE {Filters}
        GROUP BY 1, 2, 3
        """;

    // By lander, the period only: whole months from the monthly rollup, the cut months' days from the daily one.
    private static readonly string CheckoutLandersSql = $"""
        SELECT lander_id, {CheckoutValues}
        FROM (SELECT lander_id, sessions, completed, abandoned, failed FROM analytics_monthly_checkouts
              WHERE month >= $8 AND month < $9 AND {SourceAndOffer}
              UNION ALL
              SELECT lander_id, sessions, completed, abandoned, failed FROM analytics_daily_checkouts
              WHERE {CutDays} AND {SourceAndOffer}) c
        GROUP BY lander_id
        """;

    private const string FailuresSql = $"""
        SELECT {Bucket}, failure_code, sum(failures)::bigint, sum(amount)::bigint
        FROM analytics_daily_failures WHERE {Filters} AND day >= $2 AND currency = $7
        GROUP BY 1, 2
        """;

    private const string RefundTimingSql = $"""
        SELECT offer_id, bucket, sum(refunds)::bigint, sum(amount)::bigint
        FROM analytics_refund_timing WHERE {Filters} AND day >= $2 AND currency = $7
        GROUP BY 1, 2
        """;

    /// <summary>The currencies sold in the period (most orders first): the page's currency choice.</summary>
    public Task<List<string>> CurrenciesAsync(AnalyticsFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return database.QueryAsync(CurrenciesSql, [filter.From, filter.To, filter.Source, filter.Offer], r => r.GetString(0), ct);
    }

    /// <summary>The currency shown: the filter's (without waiting for the currencies), else the period's most sold, else usd.</summary>
    public static async Task<string> CurrencyAsync(AnalyticsFilter filter, Task<List<string>> currencies)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(currencies);
        return filter.Currency ?? (await currencies is [var busiest, ..] ? busiest : "usd");
    }

    public Task<AnalyticsView> LoadAsync(AnalyticsFilter filter, CancellationToken ct) => LoadAsync(filter, CurrenciesAsync(filter, ct), ct);

    /// <summary>
    /// The figures, with <paramref name="currencies"/> already started (<see cref="AnalyticsLoad"/> shares it with the
    /// Customers section). The six statements run at once, each on its own pooled connection: a load takes about as
    /// long as its slowest statement, not as their sum.
    /// </summary>
    public async Task<AnalyticsView> LoadAsync(AnalyticsFilter filter, Task<List<string>> currencies, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var currency = await CurrencyAsync(filter, currencies);
        var unit = filter.Granularity.ToString().ToLowerInvariant();
        object?[] args = [filter.Previous.From, filter.From, filter.To, unit, filter.Source, filter.Offer, currency];
        var (monthsFrom, monthsTo) = WholeMonths(filter.From, filter.To);

        var salesTask = database.QueryAsync(SalesSql, args, r => (Current: r.GetBoolean(0), Bucket: Day(r, 1),
            Offer: r.GetString(2), Sums: Sales(r, 3)), ct);
        var acquisitionTask = database.QueryAsync(AcquisitionSql, [.. args, monthsFrom, monthsTo], r => (Lander: r.GetBoolean(0),
            Name: r.GetString(1), Sums: Sales(r, 2)), ct);
        var checkoutsTask = database.QueryAsync(CheckoutsSql, args, r => (Current: r.GetBoolean(0), Bucket: Day(r, 1),
            Offer: r.GetString(2), Sums: CheckoutsAt(r, 3)), ct);
        var checkoutLandersTask = database.QueryAsync(CheckoutLandersSql, [.. args, monthsFrom, monthsTo],
            r => (Lander: r.GetString(0), Sums: CheckoutsAt(r, 1)), ct);
        var failuresTask = database.QueryAsync(FailuresSql, args, r => (Bucket: Day(r, 0), Code: r.GetString(1),
            Count: r.GetInt64(2), Amount: r.GetInt64(3)), ct);
        var timingTask = database.QueryAsync(RefundTimingSql, args, r => (Offer: r.GetString(0), Bucket: (int)r.GetInt16(1),
            Count: r.GetInt64(2), Amount: r.GetInt64(3)), ct);
        // Every statement ends before the load does (none left running on its connection), whichever fails.
        await Task.WhenAll(currencies, salesTask, acquisitionTask, checkoutsTask, checkoutLandersTask, failuresTask, timingTask);
        var (currencyList, sales, acquisition) = (await currencies, await salesTask, await acquisitionTask);
        var (checkouts, checkoutLanders, failures, timing) = (await checkoutsTask, await checkoutLandersTask, await failuresTask, await timingTask);

        var buckets = BucketStarts(filter.From, filter.To, filter.Granularity);
        var previousBuckets = BucketStarts(filter.Previous.From, filter.Previous.To, filter.Granularity);
        var index = buckets.Select((b, i) => (b, i)).ToDictionary(x => x.b, x => x.i);
        var previousIndex = previousBuckets.Select((b, i) => (b, i)).ToDictionary(x => x.b, x => x.i);
        var current = sales.Where(s => s.Current).ToList();
        var previous = sales.Where(s => !s.Current).ToList();

        var offers = current.Select(s => s.Offer).Union(previous.Select(s => s.Offer)).Order(StringComparer.Ordinal)
            .Select(offer =>
            {
                var gross = new long[buckets.Count];
                foreach (var s in current.Where(s => s.Offer == offer)) gross[index[s.Bucket]] += s.Sums.Gross;
                return new OfferRow(offer, Sum(current.Where(s => s.Offer == offer).Select(s => s.Sums)),
                    Sum(previous.Where(s => s.Offer == offer).Select(s => s.Sums)), gross);
            })
            .Where(o => o.Current.Orders != 0 || o.Previous.Orders != 0)
            .OrderByDescending(o => o.Current.Gross).ThenBy(o => o.OfferId, StringComparer.Ordinal)
            .ToList();

        var net = new long[buckets.Count];
        var orders = new long[buckets.Count];
        foreach (var s in current)
        {
            net[index[s.Bucket]] += s.Sums.Net;
            orders[index[s.Bucket]] += s.Sums.Orders;
        }
        var previousGross = new long?[buckets.Count];
        if (filter.Compare)
        {
            foreach (var s in previous)
            {
                var i = previousIndex[s.Bucket];
                if (i < buckets.Count) previousGross[i] = (previousGross[i] ?? 0) + s.Sums.Gross;
            }
        }

        var checkoutsNow = checkouts.Where(c => c.Current).ToList();
        var checkoutsByBucket = new CheckoutSums[buckets.Count];
        Array.Fill(checkoutsByBucket, CheckoutSums.Zero);
        foreach (var c in checkoutsNow) checkoutsByBucket[index[c.Bucket]] = checkoutsByBucket[index[c.Bucket]].Add(c.Sums);
        var failuresByBucket = new long[buckets.Count];
        foreach (var f in failures) failuresByBucket[index[f.Bucket]] += f.Count;

        return new AnalyticsView
        {
            Filter = filter,
            Currencies = currencyList,
            Currency = currency,
            Buckets = buckets,
            Current = Sum(current.Select(s => s.Sums)),
            Previous = Sum(previous.Select(s => s.Sums)),
            Checkouts = checkoutsNow.Aggregate(CheckoutSums.Zero, (a, c) => a.Add(c.Sums)),
            PreviousCheckouts = checkouts.Where(c => !c.Current).Aggregate(CheckoutSums.Zero, (a, c) => a.Add(c.Sums)),
            Offers = offers,
            NetByBucket = net,
            PreviousGrossByBucket = previousGross,
            CheckoutsByOffer = Named(checkoutsNow.Select(c => (c.Offer, c.Sums))),
            CheckoutsByLander = Named(checkoutLanders.Select(c => (c.Lander, c.Sums))),
            CheckoutsByBucket = checkoutsByBucket,
            FailuresByBucket = failuresByBucket,
            OrdersByBucket = orders,
            TopFailureCodes = [.. failures.GroupBy(f => f.Code)
                .Select(g => new FailureCode(g.Key, g.Sum(f => f.Count), g.Sum(f => f.Amount)))
                .Where(f => f.Count != 0)
                .OrderByDescending(f => f.Count).ThenBy(f => f.Code, StringComparer.Ordinal).Take(8)],
            RefundTiming = [.. timing.GroupBy(t => t.Offer).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            {
                var counts = new long[4];
                var amounts = new long[4];
                foreach (var t in g)
                {
                    counts[t.Bucket] += t.Count;
                    amounts[t.Bucket] += t.Amount;
                }
                return new RefundTimingRow(g.Key, counts, amounts);
            }).Where(r => r.Counts.Any(c => c != 0))],
            ByLander = Ranked(acquisition.Where(a => a.Lander).Select(a => (a.Name, a.Sums))),
            ByAffiliate = Ranked(acquisition.Where(a => !a.Lander).Select(a => (a.Name, a.Sums))),
        };
    }

    /// <summary>The first day of each bucket that overlaps [from, to): weeks start on Monday (ISO), months on the 1st.</summary>
    public static IReadOnlyList<DateOnly> BucketStarts(DateOnly from, DateOnly to, Granularity granularity)
    {
        var start = granularity switch
        {
            Granularity.Week => from.AddDays(-(((int)from.DayOfWeek + 6) % 7)),
            Granularity.Month => new DateOnly(from.Year, from.Month, 1),
            _ => from,
        };
        var buckets = new List<DateOnly>();
        for (var b = start; b < to; b = granularity switch
        {
            Granularity.Week => b.AddDays(7),
            Granularity.Month => b.AddMonths(1),
            _ => b.AddDays(1),
        })
        {
            buckets.Add(b);
        }
        return buckets;
    }

    /// <summary>
    /// SQL: the days of [<paramref name="from"/>, <paramref name="to"/>) in <paramref name="column"/> outside the whole
    /// months [<paramref name="monthsFrom"/>, <paramref name="monthsTo"/>) (<see cref="WholeMonths"/>; each argument a
    /// parameter such as <c>$2</c>): the cut months' days, read by day beside a monthly rollup's whole months.
    /// </summary>
    internal static string OutsideWholeMonths(string column, string from, string to, string monthsFrom, string monthsTo) =>
        $"(({column} >= {from} AND {column} < least({monthsFrom}, {to})) OR ({column} >= greatest({monthsTo}, {from}) AND {column} < {to}))";

    /// <summary>The calendar months entirely inside [from, to), as [first, end) of their days; empty (from, from) when none.</summary>
    public static (DateOnly From, DateOnly To) WholeMonths(DateOnly from, DateOnly to)
    {
        var first = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var end = new DateOnly(to.Year, to.Month, 1);
        return first < end ? (first, end) : (from, from);
    }

    private static DateOnly Day(NpgsqlDataReader r, int i) => r.GetFieldValue<DateOnly>(i);

    private static SalesSums Sales(NpgsqlDataReader r, int i) => new(r.GetInt64(i), r.GetInt64(i + 1), r.GetInt64(i + 2),
        r.GetInt64(i + 3), r.GetInt64(i + 4), r.GetInt64(i + 5), r.GetInt64(i + 6));

    private static CheckoutSums CheckoutsAt(NpgsqlDataReader r, int i) => new(r.GetInt64(i), r.GetInt64(i + 1), r.GetInt64(i + 2), r.GetInt64(i + 3));

    private static SalesSums Sum(IEnumerable<SalesSums> sums) => sums.Aggregate(SalesSums.Zero, (a, s) => a.Add(s));

    private static List<NamedCheckouts> Named(IEnumerable<(string Name, CheckoutSums Sums)> rows) =>
        [.. rows.GroupBy(r => r.Name).Select(g => new NamedCheckouts(g.Key, g.Aggregate(CheckoutSums.Zero, (a, r) => a.Add(r.Sums))))
            .Where(n => n.Sums.Sessions != 0)
            .OrderByDescending(n => n.Sums.Sessions).ThenBy(n => n.Name, StringComparer.Ordinal)];

    private static List<NamedSales> Ranked(IEnumerable<(string Name, SalesSums Sums)> rows) =>
        [.. rows.Select(r => new NamedSales(r.Name, r.Sums)).Where(n => n.Sums.Orders != 0)
            .OrderByDescending(n => n.Sums.Gross).ThenBy(n => n.Name, StringComparer.Ordinal).Take(20)];
}
