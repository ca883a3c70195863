using Npgsql;

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
}
