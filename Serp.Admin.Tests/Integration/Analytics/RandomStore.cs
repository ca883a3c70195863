using Npgsql;
using Serp.Domain.Checkout;
using Serp.Domain.Disputes;
using Serp.Domain.Orders;
using Serp.Domain.Payments;
using Serp.Domain.Refunds;
using Serp.Admin.Tests.TestData;

namespace Serp.Admin.Tests.Integration.Analytics;

/// <summary>
/// Random store data for the rollup property tests: several currencies and sources, orders paid and unpaid, refunds
/// long after the order (months later), failed and canceled refunds, disputes open, won and lost, rows whose order
/// is linked later, sessions in every status and payment failures, customers (some without an email) who buy again
/// in later months; then random concurrent changes of every kind.
/// </summary>
internal sealed class RandomStore(PostgresFixture database, int seed)
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string?[] Offers = ["offer-templates", "offer-downloader", "offer-bundle", "offer-gone", null];
    private static readonly string?[] Landers = ["lander-a", "lander-b", null];
    private static readonly string?[] Affiliates = ["aff_001", "aff_002", null, null];
    private static readonly string[] Currencies = ["usd", "eur", "jpy"];
    private static readonly string[] Sources = [PaymentSource.Stripe, PaymentSource.PayPal];
    private static readonly string[] SessionStatuses = [CheckoutStatus.Pending, CheckoutStatus.Completed, CheckoutStatus.Failed, CheckoutStatus.Abandoned];
    private static readonly string[] RefundStatuses = [RefundStatus.Succeeded, RefundStatus.Succeeded, RefundStatus.Pending, RefundStatus.Failed, RefundStatus.Canceled];
    private static readonly string[] DisputeStatuses = [DisputeStatus.NeedsResponse, DisputeStatus.UnderReview, DisputeStatus.Won, DisputeStatus.Lost, DisputeStatus.Lost];

    private static readonly int[] RefundDelayHours = [2, 30, 24 * 12, 24 * 100];
    private static readonly string?[] FailureCodes = ["card_declined", "insufficient_funds", "expired_card", null];

    private readonly Random rng = new(seed);
    public List<Guid> OrderIds { get; } = [];

    private T Pick<T>(T[] items) => items[rng.Next(items.Length)];

    /// <summary>About 60 customers for a few hundred orders: most buy more than once. Case differs: one customer.</summary>
    private static string? Email(Random random) =>
        random.NextDouble() < 0.08 ? null : $"{(random.Next(2) == 0 ? "Buyer" : "buyer")}{random.Next(60)}@example.com";

    private DateTimeOffset Moment(int days) => Start.AddMinutes(rng.Next(days * 24 * 60));

    public async Task SeedAsync(int orders)
    {
        await using var db = database.CreateDbContext();
        for (var i = 0; i < orders; i++)
        {
            var id = Guid.NewGuid();
            OrderIds.Add(id);
            var currency = Pick(Currencies);
            var amount = currency == "jpy" ? 100L * rng.Next(10, 100) : 100L * rng.Next(5, 200) - 1;
            var created = Moment(90);
            var paid = rng.NextDouble() < 0.8;
            db.Orders.Add(new Order
            {
                Id = id, AmountTotal = amount, Currency = currency, OfferId = Pick(Offers), LanderId = Pick(Landers),
                AffiliateId = Pick(Affiliates), PaymentStatus = paid ? PaymentStatus.Paid : PaymentStatus.Pending, Source = Pick(Sources),
                CreatedAt = created, UpdatedAt = created, PaidAt = paid ? created.AddMinutes(2) : null,
                AmountRefunded = paid && rng.NextDouble() < 0.2 ? amount / 2 : 0, CustomerEmail = Email(rng),
            });
            if (rng.NextDouble() < 0.25) db.Refunds.Add(NewRefund(id, currency, amount, created));
            if (rng.NextDouble() < 0.12) db.Disputes.Add(NewDispute(id, currency, amount, created));
        }
        for (var i = 0; i < orders * 5 / 4; i++)
        {
            var created = Moment(90);
            db.CheckoutSessions.Add(new CheckoutSession
            {
                Id = Guid.NewGuid(), OfferId = Pick(Offers), LanderId = Pick(Landers), Status = Pick(SessionStatuses),
                Source = Pick(Sources), CreatedAt = created, UpdatedAt = created,
            });
        }
        for (var i = 0; i < orders / 2; i++) db.PaymentFailures.Add(NewFailure());
        await db.SaveChangesAsync();
    }

    private Refund NewRefund(Guid? orderId, string currency, long amount, DateTimeOffset orderCreated)
    {
        // Same day, within a week, within a month, or months later (after the period closed).
        var at = orderCreated.AddHours(Pick(RefundDelayHours));
        return new Refund
        {
            Id = Guid.NewGuid(), OrderId = orderId, Source = Pick(Sources), ProviderRefundId = "re_" + Guid.NewGuid().ToString("N"),
            Amount = Math.Max(1, amount / rng.Next(1, 4)), Currency = currency, Status = Pick(RefundStatuses),
            ObservedAt = at, CreatedAt = at, UpdatedAt = at,
        };
    }

    private Dispute NewDispute(Guid? orderId, string currency, long amount, DateTimeOffset orderCreated)
    {
        var at = orderCreated.AddDays(rng.Next(1, 60));
        return new Dispute
        {
            Id = Guid.NewGuid(), OrderId = orderId, Source = Pick(Sources), ProviderDisputeId = "dp_" + Guid.NewGuid().ToString("N"),
            Amount = amount, Currency = currency, Status = Pick(DisputeStatuses), ObservedAt = at, CreatedAt = at, UpdatedAt = at,
        };
    }

    private PaymentFailure NewFailure() => new()
    {
        Id = Guid.NewGuid(), Source = Pick(Sources), PaymentRef = "pi_" + Guid.NewGuid().ToString("N"),
        AttemptRef = "ch_" + Guid.NewGuid().ToString("N"), OfferId = Pick(Offers), Amount = rng.Next(100, 9000),
        Currency = Pick(Currencies), FailureCode = Pick(FailureCodes),
        OccurredAt = Moment(90),
    };

    /// <summary>One random change in its own transaction, as some writer of the shared database would make it.</summary>
    public async Task ChangeAsync(NpgsqlDataSource dataSource, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var order = OrderIds[random.Next(OrderIds.Count)];
        var other = OrderIds[random.Next(OrderIds.Count)];
        string sql;
        object[] args;
        switch (random.Next(14))
        {
            case 0: // paid now, or (a reversal in a manual fix) unpaid again
                (sql, args) = ("UPDATE orders SET paid_at = CASE WHEN paid_at IS NULL THEN created_at ELSE NULL END WHERE id = $1", [order]);
                break;
            case 1:
                (sql, args) = ("UPDATE orders SET amount_refunded = LEAST(amount_total, amount_refunded + amount_total / 3) WHERE id = $1", [order]);
                break;
            case 2: // the order moves to another day and offer: its refunds and disputes must move with it
                (sql, args) = ("UPDATE orders SET created_at = created_at - interval '3 days 5 hours', offer_id = $2 WHERE id = $1",
                    [order, "offer-moved"]);
                break;
            case 3:
                (sql, args) = ("UPDATE disputes SET status = (ARRAY['won','lost','under_review'])[1 + floor(random() * 3)::int] WHERE order_id = $1", [order]);
                break;
            case 4: // a dispute or refund that arrived before its order is linked to it
                (sql, args) = ("UPDATE disputes SET order_id = $1 WHERE id = (SELECT id FROM disputes WHERE order_id IS NULL LIMIT 1)", [order]);
                break;
            case 5:
                (sql, args) = ("UPDATE refunds SET status = CASE status WHEN 'succeeded' THEN 'failed' ELSE 'succeeded' END, amount = amount + 100 WHERE order_id = $1", [order]);
                break;
            case 6:
                (sql, args) = ("UPDATE refunds SET order_id = $2 WHERE order_id = $1", [order, other]);
                break;
            case 7: // the stale-session sweep: one set-based UPDATE of many rows
                (sql, args) = ("UPDATE checkout_sessions SET status = 'abandoned' WHERE status = 'pending' AND created_at < $1",
                    [Start.AddDays(random.Next(90))]);
                break;
            case 8:
                (sql, args) = ("DELETE FROM refunds WHERE id = (SELECT id FROM refunds WHERE order_id = $1 LIMIT 1)", [order]);
                break;
            case 9:
                (sql, args) = ("""
                    INSERT INTO disputes (id, order_id, source, provider_dispute_id, amount, currency, status, observed_at, created_at, updated_at)
                    SELECT gen_random_uuid(), CASE WHEN random() < 0.3 THEN NULL ELSE id END, source, 'dp_' || gen_random_uuid(), amount_total,
                           currency, 'lost', now(), created_at + interval '40 days', now()
                    FROM orders WHERE id = $1
                    """, [order]);
                break;
            case 10:
                (sql, args) = ("""
                    INSERT INTO refunds (id, order_id, source, provider_refund_id, amount, currency, status, observed_at, created_at, updated_at)
                    SELECT gen_random_uuid(), id, source, 're_' || gen_random_uuid(), amount_total / 4, currency, 'succeeded', now(),
                           created_at + interval '45 days', now()
                    FROM orders WHERE id = $1
                    """, [order]);
                break;
            case 11 when random.Next(2) == 0: // another lander, affiliate and source: the acquisition rollups move it
                (sql, args) = ("UPDATE orders SET lander_id = $2, affiliate_id = $3, source = CASE source WHEN 'stripe' THEN 'paypal' ELSE 'stripe' END WHERE id = $1",
                    [order, (object?)Landers[random.Next(Landers.Length)] ?? DBNull.Value, "aff_moved"]);
                break;
            case 11: // what the ledger does most: a status and updated_at, no counted column (the trigger does not fire)
                (sql, args) = ("UPDATE orders SET payment_status = payment_status, updated_at = now() WHERE id = $1", [order]);
                break;
            case 12: // the order turns out to be another customer's (or nobody's)
                (sql, args) = ("UPDATE orders SET customer_email = $2 WHERE id = $1", [order, (object?)Email(random) ?? DBNull.Value]);
                break;
            case 13: // the customer buys again, weeks later, paid at once
                (sql, args) = ("""
                    INSERT INTO orders (id, amount_total, amount_refunded, currency, offer_id, customer_email, payment_status, source,
                                        created_at, updated_at, paid_at)
                    SELECT gen_random_uuid(), amount_total + 100, 0, currency, offer_id, customer_email, 'paid', source,
                           created_at + interval '33 days', now(), created_at + interval '33 days'
                    FROM orders WHERE id = $1
                    """, [order]);
                break;
            default:
                (sql, args) = ("UPDATE payment_failures SET failure_code = 'processing_error', offer_id = NULL WHERE id = (SELECT id FROM payment_failures ORDER BY random() LIMIT 1)", []);
                break;
        }
        await using var command = dataSource.CreateCommand(sql);
        foreach (var arg in args) command.Parameters.Add(new NpgsqlParameter { Value = arg });
        await command.ExecuteNonQueryAsync();
    }
}
