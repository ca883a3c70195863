using Npgsql;

namespace Serp.Bench.Desk;

/// <summary>
/// How the desk would read without this work, measured in the same run: an exact count(*) beside OFFSET
/// paging (what /orders did before), and a case-insensitive search that no index serves.
/// </summary>
public sealed class NaiveQueries(NpgsqlDataSource db)
{
    /// <summary>The old Orders page: exact count of the filtered set, then the page by OFFSET.</summary>
    public async Task<long> OffsetPageAsync(string? column, object? value, int page, int pageSize, CancellationToken ct)
    {
        var where = column is null ? "" : $"WHERE {column} = $1";
        await using var count = db.CreateCommand($"SELECT count(*) FROM orders {where}");
        if (value is not null) count.Parameters.Add(new NpgsqlParameter { Value = value });
        var total = (long)(await count.ExecuteScalarAsync(ct))!;
        await using var rows = db.CreateCommand($"""
            SELECT id, created_at, customer_name, customer_email, offer_id, amount_total, currency, amount_refunded,
                   payment_status, source
            FROM orders {where} ORDER BY created_at DESC, id DESC LIMIT {pageSize} OFFSET {page * pageSize}
            """);
        if (value is not null) rows.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await rows.ExecuteReaderAsync(ct);
        var n = 0;
        while (await reader.ReadAsync(ct)) n++;
        return n == 0 ? 0 : total;
    }

    /// <summary>A search box written the obvious way: ILIKE over email and name, which no index serves.</summary>
    public async Task<long> SearchAsync(string fragment, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT id FROM orders WHERE customer_email ILIKE $1 OR customer_name ILIKE $1
            ORDER BY created_at DESC LIMIT 20
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = "%" + fragment + "%" });
        await using var reader = await command.ExecuteReaderAsync(ct);
        long n = 0;
        while (await reader.ReadAsync(ct)) n++;
        return n;
    }

    /// <summary>The cursor (created_at, id) of the row at <paramref name="offset"/> in the newest-first order.</summary>
    public async Task<(DateTimeOffset CreatedAt, Guid Id)> CursorAtAsync(long offset, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT created_at, id FROM orders ORDER BY created_at DESC, id DESC OFFSET {offset} LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetGuid(1));
    }
}
