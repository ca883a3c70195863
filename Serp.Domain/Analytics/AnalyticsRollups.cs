namespace Serp.Domain.Analytics;

/// <summary>
/// The analytics rollups: per UTC day sums of the base tables, kept exact by statement-level triggers on those
/// tables (every writer is seen: the ledger, the storefront's own checkout inserts, set-based sweeps, the desk)
/// and recomputable from scratch (docs/decisions/0018-analytics-rollups-by-trigger.md).
/// Each rollup is defined once, as the rows a set of base rows contributes (<see cref="Rollup.Contribution"/>):
/// the triggers apply it to the changed rows (old rows negated, new rows added), the rebuild to whole tables, and
/// the tests compare the rollup with it.
/// </summary>
public static class AnalyticsRollups
{
    /// <summary>A day in UTC: periods, tooltips and the CSV's from/to all use UTC days.</summary>
    internal const string OrderDay = "(o.created_at AT TIME ZONE 'UTC')::date";

    /// <summary>Refund statuses that count in the refunded total (as <c>RefundStatus.Counts</c>).</summary>
    internal const string CountedRefund = "r.status IN ('pending', 'requires_action', 'succeeded')";

    /// <summary>
    /// Paid orders per day × offer × lander × affiliate × currency × source, with their refunds and disputes counted
    /// in the day of the ORDER (an order refunded months later changes the month it was sold in).
    /// </summary>
    public static readonly Rollup Sales = new(
        "analytics_daily_sales",
        ["day", "offer_id", "lander_id", "affiliate_id", "currency", "source"],
        ["orders", "gross", "refunded", "refunded_orders", "disputes", "disputes_lost", "disputes_lost_amount"],
        ("orders", OrderSales),
        new Dictionary<string, Feed>
        {
            ["orders"] = new(OrderSales, OrderSalesColumns),
            ["disputes"] = new(DisputeSales, "order_id, status, amount"),
        });

    /// <summary>
    /// Paid orders per day × offer × currency × source (<see cref="Sales"/> without lander and affiliate, a few rows a
    /// day): the headline cards, the revenue chart, the product table and the CSV read this.
    /// </summary>
    public static readonly Rollup OfferSales = Rollup.Derive("analytics_offer_sales", Sales,
        ("day", "day"), ("offer_id", "offer_id"), ("currency", "currency"), ("source", "source"));

    /// <summary>
    /// <see cref="Sales"/> per calendar month × lander × offer × currency × source: the acquisition table by lander reads
    /// the period's whole months here and its cut months' days from <see cref="DailyLanders"/>.
    /// </summary>
    public static readonly Rollup MonthlyLanders = Rollup.Derive("analytics_monthly_landers", Sales,
        ("month", Month), ("lander_id", "lander_id"), ("offer_id", "offer_id"), ("currency", "currency"), ("source", "source"));

    /// <summary><see cref="Sales"/> per calendar month × affiliate × offer × currency × source (as <see cref="MonthlyLanders"/>).</summary>
    public static readonly Rollup MonthlyAffiliates = Rollup.Derive("analytics_monthly_affiliates", Sales,
        ("month", Month), ("affiliate_id", "affiliate_id"), ("offer_id", "offer_id"), ("currency", "currency"), ("source", "source"));

    /// <summary>
    /// <see cref="Sales"/> per day × lander × offer × currency × source: the acquisition table by lander reads the days of
    /// the period's cut months here (ADR 29; a fifth of the fine rollup's rows, which also split by affiliate).
    /// </summary>
    public static readonly Rollup DailyLanders = Rollup.Derive("analytics_daily_landers", Sales,
        ("day", "day"), ("lander_id", "lander_id"), ("offer_id", "offer_id"), ("currency", "currency"), ("source", "source"));

    /// <summary><see cref="Sales"/> per day × affiliate × offer × currency × source (as <see cref="DailyLanders"/>).</summary>
    public static readonly Rollup DailyAffiliates = Rollup.Derive("analytics_daily_affiliates", Sales,
        ("day", "day"), ("affiliate_id", "affiliate_id"), ("offer_id", "offer_id"), ("currency", "currency"), ("source", "source"));

    /// <summary>Refunds per order day × offer × currency × source × days from purchase to refund (0, 1–7, 8–30, 31+).</summary>
    public static readonly Rollup RefundTiming = new(
        "analytics_refund_timing",
        ["day", "offer_id", "currency", "source", "bucket"],
        ["refunds", "amount"],
        ("refunds", RefundTimingRows),
        new Dictionary<string, Feed>
        {
            ["orders"] = new(OrderRefundTiming, "created_at, offer_id, currency, source, paid_at"),
            ["refunds"] = new(RefundTimingRows, "order_id, created_at, amount, status"),
        });

    /// <summary>Checkout sessions per day created × offer × lander × source, by their current status.</summary>
    public static readonly Rollup Checkouts = new(
        "analytics_daily_checkouts",
        ["day", "offer_id", "lander_id", "source"],
        ["sessions", "completed", "abandoned", "failed"],
        ("checkout_sessions", CheckoutRows),
        new Dictionary<string, Feed> { ["checkout_sessions"] = new(CheckoutRows, "created_at, offer_id, lander_id, source, status") });

    /// <summary>
    /// <see cref="Checkouts"/> without the lander (day × offer × source): conversion over time, by offer, and the
    /// previous period's totals (ADR 29).
    /// </summary>
    public static readonly Rollup OfferCheckouts = Rollup.Derive("analytics_offer_checkouts", Checkouts,
        ("day", "day"), ("offer_id", "offer_id"), ("source", "source"));

    /// <summary>
    /// <see cref="Checkouts"/> per calendar month × lander × offer × source: conversion by lander reads the period's whole
    /// months here and its cut months' days from <see cref="Checkouts"/>.
    /// </summary>
    public static readonly Rollup MonthlyCheckouts = Rollup.Derive("analytics_monthly_checkouts", Checkouts,
        ("month", Month), ("lander_id", "lander_id"), ("offer_id", "offer_id"), ("source", "source"));

    /// <summary>Failed payment attempts per day × offer × currency × source × failure code.</summary>
    public static readonly Rollup Failures = new(
        "analytics_daily_failures",
        ["day", "offer_id", "currency", "source", "failure_code"],
        ["failures", "amount"],
        ("payment_failures", FailureRows),
        new Dictionary<string, Feed>
        {
            ["payment_failures"] = new(FailureRows, "occurred_at, offer_id, currency, source, failure_code, amount"),
        });

    /// <summary>Every rollup table, the per-customer ones (<see cref="CustomerRollups"/>) included.</summary>
    public static IReadOnlyList<Rollup> All { get; } =
    [
        Sales, OfferSales, MonthlyLanders, MonthlyAffiliates, DailyLanders, DailyAffiliates, RefundTiming,
        Checkouts, OfferCheckouts, MonthlyCheckouts, Failures, .. CustomerRollups.All,
    ];

    private const string Month = "date_trunc('month', day)::date";

    private const string OrderSalesColumns = "created_at, offer_id, lander_id, affiliate_id, currency, source, amount_total, amount_refunded, paid_at";

    // {rows} is the set of base rows (a transition table, or the whole table), {sign} +1 or -1.
    // Disputes are read per order (an index lookup) in the triggers; the rebuild reads them grouped once.
    private const string OrderSales = $$"""
        SELECT {{OrderDay}} AS day, coalesce(o.offer_id, '') AS offer_id, coalesce(o.lander_id, '') AS lander_id,
               coalesce(o.affiliate_id, '') AS affiliate_id, o.currency, o.source,
               {sign} AS orders, {sign} * o.amount_total AS gross, {sign} * o.amount_refunded AS refunded,
               {sign} * (o.amount_refunded > 0)::int AS refunded_orders,
               {sign} * d.disputes AS disputes, {sign} * d.lost AS disputes_lost, {sign} * d.lost_amount AS disputes_lost_amount
        FROM {rows} o
        CROSS JOIN LATERAL (SELECT count(*) AS disputes, count(*) FILTER (WHERE x.status = 'lost') AS lost,
                                   coalesce(sum(x.amount) FILTER (WHERE x.status = 'lost'), 0) AS lost_amount
                            FROM disputes x WHERE x.order_id = o.id) d
        WHERE o.paid_at IS NOT NULL
        """;

    private const string DisputeSales = $$"""
        SELECT {{OrderDay}} AS day, coalesce(o.offer_id, '') AS offer_id, coalesce(o.lander_id, '') AS lander_id,
               coalesce(o.affiliate_id, '') AS affiliate_id, o.currency, o.source,
               0 AS orders, 0 AS gross, 0 AS refunded, 0 AS refunded_orders,
               {sign} AS disputes, {sign} * (x.status = 'lost')::int AS disputes_lost,
               {sign} * CASE WHEN x.status = 'lost' THEN x.amount ELSE 0 END AS disputes_lost_amount
        FROM {rows} x JOIN orders o ON o.id = x.order_id
        WHERE o.paid_at IS NOT NULL
        """;

    private const string Bucket = """
        CASE WHEN r.created_at - o.created_at < interval '1 day' THEN 0
             WHEN r.created_at - o.created_at < interval '8 days' THEN 1
             WHEN r.created_at - o.created_at < interval '31 days' THEN 2
             ELSE 3 END
        """;

    private const string RefundTimingRows = $$"""
        SELECT {{OrderDay}} AS day, coalesce(o.offer_id, '') AS offer_id, o.currency, o.source, {{Bucket}} AS bucket,
               {sign} AS refunds, {sign} * r.amount AS amount
        FROM {rows} r JOIN orders o ON o.id = r.order_id
        WHERE o.paid_at IS NOT NULL AND {{CountedRefund}}
        """;

    private const string OrderRefundTiming = $$"""
        SELECT {{OrderDay}} AS day, coalesce(o.offer_id, '') AS offer_id, o.currency, o.source, {{Bucket}} AS bucket,
               {sign} AS refunds, {sign} * r.amount AS amount
        FROM {rows} o JOIN refunds r ON r.order_id = o.id
        WHERE o.paid_at IS NOT NULL AND {{CountedRefund}}
        """;

    private const string CheckoutRows = """
        SELECT (c.created_at AT TIME ZONE 'UTC')::date AS day, coalesce(c.offer_id, '') AS offer_id,
               coalesce(c.lander_id, '') AS lander_id, c.source,
               {sign} AS sessions, {sign} * (c.status = 'completed')::int AS completed,
               {sign} * (c.status = 'abandoned')::int AS abandoned, {sign} * (c.status = 'failed')::int AS failed
        FROM {rows} c
        """;

    private const string FailureRows = """
        SELECT (f.occurred_at AT TIME ZONE 'UTC')::date AS day, coalesce(f.offer_id, '') AS offer_id, f.currency,
               f.source, coalesce(f.failure_code, '') AS failure_code, {sign} AS failures, {sign} * f.amount AS amount
        FROM {rows} f
        """;
}
