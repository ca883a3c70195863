using System.Globalization;
using System.Text;

namespace Serp.Domain.Analytics;

/// <summary>
/// Rollups of figures that depend on a customer's whole history (new or returning, cohorts, lifetime value): a
/// customer is a lower-case email in one currency, as in <c>customer_totals</c>; their paid orders are numbered in
/// time. Like the other rollups they are kept by the statement-level triggers of <c>orders</c> and <c>disputes</c>,
/// but an order changes its customer's other orders' figures too (the first purchase moves, the previous one), so the
/// triggers take each touched customer's whole contribution before the statement away and add the one after
/// (docs/decisions/0026-customer-analytics-rollups.md).
/// </summary>
public static class CustomerRollups
{
    /// <summary>"31 days or more": the figures compare these day counts with a bucket's offset, which stays under 31.</summary>
    public const int Capped = 31;

    // Before the rollups: static fields are initialised in order, and Define fills this.
    private static readonly Dictionary<string, string> Templates = [];

    /// <summary>
    /// Paid orders' gross per UTC day × currency × days since the customer's first purchase (capped at
    /// <see cref="Capped"/>). In a bucket starting on day <c>a</c>, an order of day <c>d</c> is a new customer's when
    /// <c>since_first ≤ d − a</c>: the revenue of new and of returning customers, for any bucket of up to a month.
    /// </summary>
    public static readonly Rollup FirstDays = Define(
        "analytics_customer_first",
        ["day", "currency", "since_first"],
        ["gross"],
        $$"""
        SELECT w.day, w.currency, least(w.day - w.first_day, {{Capped}}) AS since_first, {sign} * w.amount_total AS gross
        FROM ({paid}) w
        """);

    /// <summary>
    /// Paid orders per UTC day × currency × days since the customer's previous purchase (capped at <see cref="Capped"/>;
    /// −1 = none: a new customer). In a bucket starting on day <c>a</c>, an order of day <c>d</c> is the first of a
    /// returning buyer in the bucket when <c>since_prev > d − a</c>: distinct buyers from sums. Apart from
    /// <see cref="FirstDays"/> (not one table keyed by both counts) because a day's rows are then the sum of the two
    /// counts' values, not their product (docs/decisions/0029-analytics-statements-at-once.md).
    /// </summary>
    public static readonly Rollup PrevDays = Define(
        "analytics_customer_prev",
        ["day", "currency", "since_prev"],
        ["orders"],
        $$"""
        SELECT w.day, w.currency, CASE WHEN w.prev_day IS NULL THEN -1 ELSE least(w.day - w.prev_day, {{Capped}}) END AS since_prev,
               {sign} AS orders
        FROM ({paid}) w
        """);

    /// <summary>
    /// Paid orders per month of the customer's first purchase × month of the order × currency: customers (each counted
    /// on their first order of the month), orders, gross, refunded and lost disputes (net = gross − both).
    /// </summary>
    public static readonly Rollup Cohorts = Define(
        "analytics_cohorts",
        ["cohort_month", "order_month", "currency"],
        ["customers", "orders", "gross", "refunded", "disputes_lost_amount"],
        """
        SELECT date_trunc('month', w.first_day)::date AS cohort_month, date_trunc('month', w.day)::date AS order_month, w.currency,
               {sign} * (w.nth_in_month = 1)::int AS customers, {sign} AS orders, {sign} * w.amount_total AS gross,
               {sign} * w.amount_refunded AS refunded, {sign} * w.lost AS disputes_lost_amount
        FROM ({paid}) w
        """);

    /// <summary>Customers per day of their first purchase × currency × lifetime net (gross − refunded − lost disputes, to date).</summary>
    public static readonly Rollup Values = Define(
        "analytics_customer_values",
        ["first_day", "currency", "net"],
        ["customers"],
        """
        SELECT min(w.first_day) AS first_day, w.currency, sum(w.amount_total - w.amount_refunded - w.lost)::bigint AS net,
               {sign} AS customers
        FROM ({paid}) w
        GROUP BY w.email, w.currency
        """);

    /// <summary>
    /// <see cref="Values"/> per calendar month of the first purchase: the lifetime values of a long period read its
    /// whole months here and only its cut months' days from <see cref="Values"/> (as the acquisition tables do, ADR 29).
    /// </summary>
    public static readonly Rollup MonthlyValues = Rollup.Derive("analytics_monthly_customer_values", Values,
        ("first_month", "date_trunc('month', first_day)::date"), ("currency", "currency"), ("net", "net"));

    /// <summary>Every customer rollup, each derived one after its parent (the rebuild's order).</summary>
    public static IReadOnlyList<Rollup> All { get; } = [FirstDays, PrevDays, Cohorts, Values, MonthlyValues];

    /// <summary>The rollups the trigger statement upserts itself; the derived ones come with their parent's parts.</summary>
    private static IEnumerable<Rollup> Kept => All.Where(r => r.Parent is null);

    private static Rollup Define(string table, string[] keys, string[] values, string template)
    {
        Templates[table] = template;
        // The whole store at once: the rebuild and the direct aggregate the tests compare with.
        var whole = template.Replace("{paid}", Paid("{rows}", "disputes", touchedOnly: false), StringComparison.Ordinal);
        return new Rollup(table, keys, values, ("orders", whole), new Dictionary<string, Feed>());
    }

    /// <summary>
    /// The paid orders of the customers in the trigger's <c>touched</c> array (or of all customers) with their history:
    /// the customer's first purchase day, the previous purchase's day and the order's rank in its month. Orders
    /// without an email belong to no customer. Equal times are ordered by id, so the numbering is total.
    /// </summary>
    private static string Paid(string orders, string disputes, bool touchedOnly)
    {
        var lost = $"coalesce((SELECT sum(x.amount) FROM {disputes} x WHERE x.order_id = o.id AND x.status = 'lost'), 0)";
        // An array, not a subquery: the planner then reads each touched customer's orders by index, in every branch.
        var only = touchedOnly ? " AND lower(o.customer_email) = ANY(touched)" : "";
        return $"""
            SELECT p.*, min(p.day) OVER c AS first_day, lag(p.day) OVER (c ORDER BY p.created_at, p.id) AS prev_day,
                   row_number() OVER (PARTITION BY p.email, p.currency, date_trunc('month', p.day) ORDER BY p.created_at, p.id) AS nth_in_month
            FROM (SELECT o.id, lower(o.customer_email) AS email, o.currency, o.created_at, {AnalyticsRollups.OrderDay} AS day,
                         o.amount_total, o.amount_refunded, {lost} AS lost
                  FROM {orders} o
                  WHERE o.paid_at IS NOT NULL AND o.customer_email IS NOT NULL{only}) p
            WINDOW c AS (PARTITION BY p.email, p.currency)
            """;
    }

    /// <summary>The columns of an order that the customer rollups read; an update of others changes nothing.</summary>
    private const string OrderColumns = "customer_email, currency, paid_at, created_at, amount_total, amount_refunded";

    private const string DisputeColumns = "order_id, status, amount";

    /// <summary>The columns of <paramref name="table"/> (orders or disputes) the customer rollups read.</summary>
    internal static string Columns(string table) => table == "orders" ? OrderColumns : DisputeColumns;

    /// <summary>
    /// The trigger body's part for one statement on <c>orders</c> or <c>disputes</c>: lock the touched customers (email
    /// order; a concurrent statement on the same customer waits for this transaction and then sees its orders), then
    /// per rollup subtract their contribution before the statement and add the one after. "Before" is the table now
    /// with the statement's new rows taken out and its old rows put back.
    /// </summary>
    internal static string DeltaSql(string table, bool old, bool @new)
    {
        // Only customers whose figures can move: most updates touch a status, a provider id or updated_at alone, and
        // then the statement skips the three rollups (and their planning) entirely.
        var emails = table == "orders"
            ? $"SELECT lower(customer_email) FROM ({ChangedRows.Both(old, @new, OrderColumns)}) s WHERE customer_email IS NOT NULL AND paid_at IS NOT NULL"
            : $"SELECT lower(customer_email) FROM orders WHERE id IN (SELECT order_id FROM ({ChangedRows.Both(old, @new, DisputeColumns)}) s) AND customer_email IS NOT NULL";
        var before = (@new ? $"(SELECT * FROM {table} WHERE id NOT IN (SELECT id FROM new_rows)" : $"(SELECT * FROM {table}")
            + (old ? " UNION ALL SELECT * FROM old_rows)" : ")");
        var (ordersBefore, disputesBefore) = table == "orders" ? (before, "disputes") : ("orders", before);

        var sql = new StringBuilder();
        sql.AppendLine(CultureInfo.InvariantCulture, $"touched := ARRAY(SELECT DISTINCT e FROM ({emails}) t(e) ORDER BY e);");
        sql.AppendLine("IF cardinality(touched) > 0 THEN");
        sql.AppendLine("PERFORM pg_advisory_xact_lock(hashtextextended('analytics-customer:' || e, 0)) FROM unnest(touched) WITH ORDINALITY u(e, n) ORDER BY n;");
        // The touched customers' paid orders before and after, read once each and shared by the rollups' upserts (one
        // statement: data-modifying CTEs), rather than read twice per rollup in a statement each.
        List<string> ctes =
        [
            $"paid_before AS MATERIALIZED (\n{Paid(ordersBefore, disputesBefore, touchedOnly: true)}\n)",
            $"paid_after AS MATERIALIZED (\n{Paid("orders", "disputes", touchedOnly: true)}\n)",
        ];
        List<(string Table, string Sql)> upserts = [];
        foreach (var rollup in Kept)
        {
            var template = Templates[rollup.Table];
            string Part(string paid, int sign) => template
                .Replace("{paid}", $"SELECT * FROM {paid}", StringComparison.Ordinal)
                .Replace("{sign}", sign.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var (parts, upsert) = rollup.UpsertParts([Part("paid_before", -1), Part("paid_after", 1)]);
            ctes.AddRange(parts);
            upserts.Add((rollup.Table, upsert));
        }
        // The last rollup's upsert is the statement's own; the others are data-modifying parts of its WITH.
        ctes.AddRange(upserts.SkipLast(1).Select(u => $"{u.Table} AS (\n{u.Sql}\n)"));
        sql.AppendLine(CultureInfo.InvariantCulture, $"WITH {string.Join(",\n", ctes)}\n{upserts[^1].Sql};");
        sql.AppendLine("END IF;");
        return sql.ToString();
    }
}
