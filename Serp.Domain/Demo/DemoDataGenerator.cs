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
    private const int DeferIndexesFrom = 50_000;

    private static readonly (string Code, decimal PerUsd, int Weight)[] Currencies =
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
        // Maintaining 15 indexes and a foreign key row by row costs more than the COPY itself: for a large load,
        // drop them inside the transaction and build each once at the end (3x faster at a million orders).
        var deferred = orders >= DeferIndexesFrom ? DeferredSchema.Drop(connection) : null;
        using (var importer = connection.BeginBinaryImport(
            "COPY checkout_sessions (id, stripe_session_id, stripe_payment_intent_id, offer_id, lander_id, customer_email, " +
            "metadata, status, source, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < sessions; i++) WriteSession(importer, Plan(i, orders, now));
            importer.Complete();
        }

        using (var importer = connection.BeginBinaryImport(
            "COPY orders (id, checkout_session_id, stripe_session_id, stripe_payment_intent_id, stripe_charge_id, " +
            "paypal_order_id, paypal_capture_id, amount_total, currency, offer_id, lander_id, affiliate_id, customer_email, " +
            "customer_name, metadata, payment_status, payment_method, source, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < orders; i++) WriteOrder(importer, Plan(i, orders, now));
            importer.Complete();
        }

        deferred?.Restore(connection);
        transaction.Commit();
        return new DemoResult(orders, sessions);
    }

    internal DemoPlan Plan(int index, int orders, DateTimeOffset now)
    {
        // One generator per row, seeded from (seed, index): rows are independent of each other and of batch size.
        var rng = new Random(unchecked((seed * 1_000_003) ^ index));
        var sessionId = NewGuid(rng);
        var orderId = NewGuid(rng);
        // u^1.4 puts more purchases in recent months: the store is growing.
        var daysAgo = Days * Math.Pow(rng.NextDouble(), 1.4);
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
            sessionStatus = paymentStatus == PaymentStatus.Failed ? CheckoutStatus.Failed : CheckoutStatus.Completed;
        }

        var method = source == PaymentSource.PayPal ? "paypal" : rng.NextDouble() switch
        {
            < 0.80 => "card",
            < 0.92 => "link",
            _ => "paypal",
        };
        var affiliate = rng.NextDouble() < 0.3 ? $"aff_{rng.Next(1, 40):D3}" : null;
        return new DemoPlan(sessionId, orderId, createdAt, customer, offer, lander, currency, source, sessionStatus,
            paymentStatus, method, affiliate, RandomId(rng, 24));
    }

    private void WriteSession(NpgsqlBinaryImporter importer, DemoPlan plan)
    {
        var stripe = plan.Source == PaymentSource.Stripe;
        importer.StartRow();
        importer.Write(plan.SessionId, NpgsqlDbType.Uuid);
        WriteText(importer, stripe ? "cs_test_" + plan.IdSuffix : null);
        WriteText(importer, stripe ? "pi_3" + plan.IdSuffix : null);
        importer.Write(offers[plan.Offer].OfferId, NpgsqlDbType.Text);
        importer.Write(Landers[plan.Lander], NpgsqlDbType.Text);
        importer.Write(DemoNames.Email(plan.Customer), NpgsqlDbType.Text);
        importer.Write(Metadata(plan), NpgsqlDbType.Jsonb);
        importer.Write(plan.SessionStatus, NpgsqlDbType.Text);
        importer.Write(plan.Source, NpgsqlDbType.Text);
        importer.Write(plan.CreatedAt, NpgsqlDbType.TimestampTz);
        importer.Write(plan.CreatedAt.AddMinutes(plan.SessionStatus == CheckoutStatus.Abandoned ? 1440 : 3), NpgsqlDbType.TimestampTz);
    }

    private void WriteOrder(NpgsqlBinaryImporter importer, DemoPlan plan)
    {
        var stripe = plan.Source == PaymentSource.Stripe;
        var failed = plan.PaymentStatus == PaymentStatus.Failed;
        importer.StartRow();
        importer.Write(plan.OrderId, NpgsqlDbType.Uuid);
        importer.Write(plan.SessionId, NpgsqlDbType.Uuid);
        WriteText(importer, stripe ? "cs_test_" + plan.IdSuffix : null);
        WriteText(importer, stripe ? "pi_3" + plan.IdSuffix : null);
        WriteText(importer, stripe && !failed ? "ch_3" + plan.IdSuffix : null);
        WriteText(importer, stripe ? null : plan.IdSuffix[..17].ToUpperInvariant());
        WriteText(importer, stripe || failed ? null : plan.IdSuffix[7..].ToUpperInvariant());
        importer.Write(Amount(plan), NpgsqlDbType.Bigint);
        importer.Write(Currencies[plan.Currency].Code, NpgsqlDbType.Text);
        importer.Write(offers[plan.Offer].OfferId, NpgsqlDbType.Text);
        importer.Write(Landers[plan.Lander], NpgsqlDbType.Text);
        WriteText(importer, plan.AffiliateId);
        importer.Write(DemoNames.Email(plan.Customer), NpgsqlDbType.Text);
        importer.Write(DemoNames.Name(plan.Customer), NpgsqlDbType.Text);
        importer.Write(Metadata(plan), NpgsqlDbType.Jsonb);
        importer.Write(plan.PaymentStatus!, NpgsqlDbType.Text);
        importer.Write(plan.PaymentMethod, NpgsqlDbType.Text);
        importer.Write(plan.Source, NpgsqlDbType.Text);
        importer.Write(plan.CreatedAt, NpgsqlDbType.TimestampTz);
        var settled = plan.PaymentStatus is PaymentStatus.Refunded or PaymentStatus.PartiallyRefunded or PaymentStatus.Disputed;
        importer.Write(plan.CreatedAt.AddMinutes(settled ? 60 * 24 * 6 : 2), NpgsqlDbType.TimestampTz);
    }

    /// <summary>The offer's price converted and rounded the way a store prices per currency (49 → €44.99, ¥7,400).</summary>
    internal long Amount(DemoPlan plan)
    {
        var (code, perUsd, _) = Currencies[plan.Currency];
        if (perUsd == 1m) return offers[plan.Offer].Price;
        var usdMajor = offers[plan.Offer].Price / 100m;
        var major = Math.Round(usdMajor * perUsd, MidpointRounding.AwayFromZero);
        return Money.Money.DecimalsOf(code) == 0
            ? (long)(Math.Round(major / 100m, MidpointRounding.AwayFromZero) * 100m)
            : (long)major * 100 - 1;
    }

    private string Metadata(DemoPlan plan)
    {
        var affiliate = plan.AffiliateId is null ? "" : $",\"affiliate_id\":\"{plan.AffiliateId}\"";
        return $"{{\"offer_id\":\"{offers[plan.Offer].OfferId}\",\"lander_id\":\"{Landers[plan.Lander]}\"{affiliate}}}";
    }

    private static void WriteText(NpgsqlBinaryImporter importer, string? value)
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
