using Npgsql;
using NpgsqlTypes;
using Serp.Domain.Catalog;
using Serp.Domain.Checkout;
using Serp.Domain.Orders;

namespace Serp.Domain.Demo;

public sealed record DemoResult(int Orders, int CheckoutSessions);

/// <summary>
/// Realistic, deterministic demo data over the last 18 months, bulk-loaded with binary COPY so that
/// a million orders take seconds, not hours. Same seed and clock, same rows.
/// </summary>
public sealed class DemoDataGenerator(OfferCatalog catalog, int seed, TimeProvider time)
{
    private const int Days = 548;
    private const int SteadyDays = 28;
    private const int DeferIndexesFrom = 50_000;

    internal static readonly (string Code, decimal PerUsd, int Weight)[] Currencies =
        [("usd", 1m, 70), ("eur", 0.92m, 15), ("gbp", 0.79m, 10), ("jpy", 150m, 5)];

    private static readonly string[] Landers =
        ["lander-classic", "lander-video", "lander-quiz", "lander-webinar", "lander-black-friday"];

    private static readonly CatalogOffer[] DefaultOffers =
    [
        new() { OfferId = "offer-demo", ProductId = "demo-product", ProductName = "Demo product", GhlTag = "purchase-demo", Price = 4900 },
    ];

    private readonly CatalogOffer[] offers = catalog.Offers.Count > 0
        ? [.. catalog.Offers.OrderBy(o => o.OfferId, StringComparer.Ordinal)]
        : DefaultOffers;

    public DemoResult Write(NpgsqlDataSource dataSource, int orders)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentOutOfRangeException.ThrowIfNegative(orders);
        var sessions = orders + orders / 4;
        var now = time.GetUtcNow();

        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        // Maintaining the indexes and foreign keys row by row costs more than the COPY itself: for a large load,
        // drop them inside the transaction and build each once at the end (3x faster at a million orders).
        var deferred = orders >= DeferIndexesFrom ? DeferredSchema.Drop(connection) : null;
        // The rollup triggers would aggregate each COPY as one huge statement; one rebuild at the end is cheaper.
        Execute(connection, Analytics.AnalyticsSchema.TriggersSql(enable: false));
        using (var importer = connection.BeginBinaryImport(
            "COPY checkout_sessions (id, stripe_session_id, stripe_payment_intent_id, offer_id, lander_id, customer_email, " +
            "metadata, status, source, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < sessions; i++) WriteSession(importer, Plan(i, orders, now), now);
            importer.Complete();
        }


        var rows = new DemoRowWriter(offers, Landers, Currencies, now);
        Copy(connection, DemoRowWriter.OrdersCopy, orders, now, orders, rows.WriteOrder);
        Copy(connection, DemoRowWriter.RefundsCopy, orders, now, orders, rows.WriteRefund);
        Copy(connection, DemoRowWriter.DisputesCopy, orders, now, orders, rows.WriteDispute);
        Copy(connection, DemoRowWriter.LicensesCopy, orders, now, orders, rows.WriteLicense);
        Copy(connection, DemoRowWriter.FailuresCopy, orders, now, orders, rows.WriteFailure);

        deferred?.Restore(connection);
        Execute(connection, Customers.CustomerTotals.BackfillSql);
        Execute(connection, Analytics.AnalyticsSchema.TriggersSql(enable: true));
        Analytics.AnalyticsRebuild.Run(connection);
        transaction.Commit();
        return new DemoResult(orders, sessions);
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }

    /// <summary>One COPY pass over the first <paramref name="count"/> plans; a writer may skip a plan (no row).</summary>
    private void Copy(NpgsqlConnection connection, string copy, int count, DateTimeOffset now, int orders,
        Action<NpgsqlBinaryImporter, DemoPlan> write)
    {
        using var importer = connection.BeginBinaryImport(copy);
        for (var i = 0; i < count; i++) write(importer, Plan(i, orders, now));
        importer.Complete();
    }

    internal DemoPlan Plan(int index, int orders, DateTimeOffset now)
    {
        // One generator per row, seeded from (seed, index): rows are independent of each other and of batch size.
        var rng = new Random(unchecked((seed * 1_000_003) ^ index));
        var sessionId = NewGuid(rng);
        var orderId = NewGuid(rng);
        // u^1.4 puts more purchases in recent months: the store is growing. Its density has no bound at "now" (the last
        // hours would sell several times what the same hours did a month before, a surge no store shows at whatever
        // moment the demo is loaded): the last four weeks keep their share of the orders, spread evenly.
        var daysAgo = Days * Math.Pow(rng.NextDouble(), 1.4);
        if (daysAgo < SteadyDays) daysAgo = SteadyDays * Math.Pow(daysAgo / SteadyDays, 1 / 1.4);
        var createdAt = now.AddDays(-daysAgo);
        createdAt = new DateTimeOffset(createdAt.Ticks - createdAt.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        var pool = Math.Max(1, orders * 55 / 100);
        var customer = (int)(pool * Math.Pow(rng.NextDouble(), 2.2));
        var offer = Weighted(rng, offers.Length);
        var lander = rng.Next(Landers.Length);
        var currency = PickCurrency(rng);
        var source = rng.NextDouble() < 0.82 ? PaymentSource.Stripe : PaymentSource.PayPal;

        string sessionStatus;
        string? paymentStatus = null;
        if (index >= orders)
        {
            sessionStatus = rng.NextDouble() < 0.8 ? CheckoutStatus.Abandoned : CheckoutStatus.Failed;
        }
        else
        {
            var r = rng.NextDouble();
            paymentStatus = r switch
            {
                < 0.900 => PaymentStatus.Paid,
                < 0.920 => PaymentStatus.Refunded,
                < 0.930 => PaymentStatus.PartiallyRefunded,
                < 0.935 => PaymentStatus.Disputed,
                < 0.950 => PaymentStatus.Pending,
                _ => PaymentStatus.Failed,
            };
            // A refund or dispute comes six days after its purchase (DemoRowWriter): a younger order has none yet. Moving
            // them closer to "now" instead piled a week of refunds into the last days, a spike the refund rule reported.
            if (paymentStatus is PaymentStatus.Refunded or PaymentStatus.PartiallyRefunded or PaymentStatus.Disputed
                && createdAt.AddDays(DemoRowWriter.AftercareDays) > now)
            {
                paymentStatus = PaymentStatus.Paid;
            }
            sessionStatus = paymentStatus == PaymentStatus.Failed ? CheckoutStatus.Failed : CheckoutStatus.Completed;
        }

        var method = source == PaymentSource.PayPal ? "paypal" : rng.NextDouble() switch
        {
            < 0.80 => "card",
            < 0.92 => "link",
            _ => "paypal",
        };
        var affiliate = rng.NextDouble() < 0.3 ? $"aff_{rng.Next(1, 40):D3}" : null;
        var suffix = RandomId(rng, 24);
        // Drawn last, so that adding them did not change any earlier draw (same seed, same orders as before).
        var refundShare = 0.3 + rng.NextDouble() * 0.4;
        var dispute = rng.NextDouble() switch
        {
            < 0.55 => "needs_response",
            < 0.85 => "under_review",
            _ => "lost",
        };
        return new DemoPlan(sessionId, orderId, createdAt, customer, offer, lander, currency, source, sessionStatus,
            paymentStatus, method, affiliate, suffix, refundShare, dispute);
    }

    private void WriteSession(NpgsqlBinaryImporter importer, DemoPlan plan, DateTimeOffset now)
    {
        var stripe = plan.Source == PaymentSource.Stripe;
        importer.StartRow();
        importer.Write(plan.SessionId, NpgsqlDbType.Uuid);
        WriteText(importer, stripe ? "cs_test_" + plan.IdSuffix : null);
        WriteText(importer, stripe ? "pi_3" + plan.IdSuffix : null);
        importer.Write(offers[plan.Offer].OfferId, NpgsqlDbType.Text);
        importer.Write(Landers[plan.Lander], NpgsqlDbType.Text);
        importer.Write(DemoNames.Email(plan.Customer), NpgsqlDbType.Text);
        importer.Write(DemoRowWriter.Metadata(offers, Landers, plan), NpgsqlDbType.Jsonb);
        importer.Write(plan.SessionStatus, NpgsqlDbType.Text);
        importer.Write(plan.Source, NpgsqlDbType.Text);
        importer.Write(plan.CreatedAt, NpgsqlDbType.TimestampTz);
        importer.Write(plan.SessionStatus == CheckoutStatus.Abandoned ? AbandonedAt(plan.CreatedAt, now) : plan.CreatedAt.AddMinutes(3),
            NpgsqlDbType.TimestampTz);
    }

    /// <summary>
    /// Stripe expires an open session after 24 hours; before that the stale-session sweep abandons one left pending for
    /// an hour (Monitoring:StaleSessionMinutes). A session of the last day was abandoned by the sweep, never tomorrow.
    /// </summary>
    private static DateTimeOffset AbandonedAt(DateTimeOffset created, DateTimeOffset now) =>
        created.AddDays(1) <= now ? created.AddDays(1) : created.AddHours(1) <= now ? created.AddHours(1) : now;

    internal static void WriteText(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null) importer.WriteNull();
        else importer.Write(value, NpgsqlDbType.Text);
    }

    /// <summary>Offer i is about twice as popular as offer i+2: a few best sellers and a long tail.</summary>
    private static int Weighted(Random rng, int count)
    {
        var total = 0.0;
        for (var i = 0; i < count; i++) total += 1.0 / (i + 1);
        var pick = rng.NextDouble() * total;
        for (var i = 0; i < count; i++)
        {
            pick -= 1.0 / (i + 1);
            if (pick <= 0) return i;
        }
        return count - 1;
    }

    private static int PickCurrency(Random rng)
    {
        var pick = rng.Next(100);
        for (var i = 0; i < Currencies.Length; i++)
        {
            pick -= Currencies[i].Weight;
            if (pick < 0) return i;
        }
        return 0;
    }

    private static Guid NewGuid(Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    private static string RandomId(Random rng, int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(length, rng, (chars, r) =>
        {
            for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[r.Next(alphabet.Length)];
        });
    }
}
