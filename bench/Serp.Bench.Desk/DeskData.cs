using Npgsql;

namespace Serp.Bench.Desk;

/// <summary>Values picked from the loaded data, so every filter and search case matches real rows.</summary>
public sealed record DeskData(
    long Orders,
    string CommonStatus,
    string RareStatus,
    string Offer,
    string Lander,
    string Currency,
    string Affiliate,
    string CustomerWith50Orders,
    int Customer50Orders,
    IReadOnlyList<Guid> OrderIds,
    IReadOnlyList<string> PaymentIntents,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> NameFragments)
{
    public static async Task<DeskData> LoadAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        async Task<string> One(string sql) => (string)(await db.CreateCommand(sql).ExecuteScalarAsync(ct))!;
        async Task<List<T>> Many<T>(string sql)
        {
            await using var reader = await db.CreateCommand(sql).ExecuteReaderAsync(ct);
            var list = new List<T>();
            while (await reader.ReadAsync(ct)) list.Add(reader.GetFieldValue<T>(0));
            return list;
        }

        var orders = (long)(await db.CreateCommand("SELECT count(*) FROM orders").ExecuteScalarAsync(ct))!;
        await using var top = await db.CreateCommand(
            "SELECT customer_email, count(*)::int FROM orders GROUP BY 1 HAVING count(*) >= 50 ORDER BY 2, 1 LIMIT 1").ExecuteReaderAsync(ct);
        await top.ReadAsync(ct);
        var (email, most) = (top.GetString(0), top.GetInt32(1));
        await top.DisposeAsync();
        // A sample spread over the whole table (TABLESAMPLE picks pages at random, repeatably with the seed).
        const string sample = "FROM orders TABLESAMPLE SYSTEM (1) REPEATABLE (42) WHERE customer_email IS NOT NULL LIMIT 200";
        var emails = await Many<string>($"SELECT customer_email {sample}");
        return new DeskData(
            orders,
            await One("SELECT payment_status FROM orders GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"),
            await One("SELECT payment_status FROM orders GROUP BY 1 ORDER BY count(*) LIMIT 1"),
            await One("SELECT offer_id FROM orders WHERE offer_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"),
            await One("SELECT lander_id FROM orders WHERE lander_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"),
            await One("SELECT currency FROM orders GROUP BY 1 ORDER BY count(*) LIMIT 1"),
            await One("SELECT affiliate_id FROM orders WHERE affiliate_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"),
            email, most,
            await Many<Guid>($"SELECT id {sample}"),
            await Many<string>($"SELECT stripe_payment_intent_id FROM orders TABLESAMPLE SYSTEM (1) REPEATABLE (7) WHERE stripe_payment_intent_id IS NOT NULL LIMIT 200"),
            emails,
            await Many<string>($"SELECT substr(split_part(customer_name, ' ', 2), 1, 4) {sample}"));
    }
}
