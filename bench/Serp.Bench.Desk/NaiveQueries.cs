using Npgsql;

namespace Serp.Bench.Desk;

/// <summary>
/// How the desk would read without this work, measured in the same run: an exact count(*) beside OFFSET
/// paging (what /orders did before), a case-insensitive search that no index serves, and the order page as one
/// query per kind of row (what it did before it batched them).
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

    /// <summary>
    /// The order page one query per kind, each its own round trip (the order with its session, then failures, refunds,
    /// disputes, licenses, audit entries, notes, events and GHL attempts), as plain reads without materializing rows.
    /// </summary>
    public async Task<long> OrderOneQueryPerKindAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        async Task<List<object[]>> Read(string sql, params object[] values)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<object[]>();
            while (await reader.ReadAsync(ct))
            {
                var row = new object[reader.FieldCount];
                reader.GetValues(row);
                rows.Add(row);
            }
            return rows;
        }
        var order = (await Read("""
            SELECT o.source, o.stripe_payment_intent_id, o.stripe_charge_id, o.paypal_order_id, o.paypal_capture_id,
                   lower(o.customer_email), o.created_at, o.metadata::text, s.stripe_session_id, s.status
            FROM orders o LEFT JOIN checkout_sessions s ON s.id = o.checkout_session_id WHERE o.id = $1
            """, id))[0];
        var refs = order[1..5].OfType<string>().ToArray();
        var failures = await Read("SELECT attempt_ref, amount, currency, failure_code, failure_message, occurred_at FROM payment_failures WHERE source = $1 AND payment_ref = ANY($2)", order[0], refs);
        var refunds = await Read("SELECT provider_refund_id, amount, currency, status, reason, note, requested_by, created_at FROM refunds WHERE order_id = $1", id);
        var disputes = await Read("SELECT provider_dispute_id, amount, currency, status, reason, evidence_due_by, created_at, closed_at FROM disputes WHERE order_id = $1", id);
        var licenses = await Read("SELECT product_id, key, status, issued_at, revoked_at, revoke_reason FROM licenses WHERE order_id = $1", id);
        await Read("SELECT id, at, actor, action, outcome, details::text FROM audit_log WHERE target_type = 'order' AND target_id = $1", id.ToString("D"));
        await Read("SELECT id, author, body, created_at FROM order_notes WHERE order_id = $1", id);
        string[] eventRefs = [.. refs, .. order[8] is string cs ? [cs] : Array.Empty<string>(),
            .. failures.Concat(refunds).Concat(disputes).Select(r => (string)r[0])];
        await Read("SELECT id, provider, event_id, event_type, status, livemode, received_at, refs, payload::text FROM webhook_events WHERE refs && $1 ORDER BY received_at DESC LIMIT 200", (object)eventRefs);
        if (order[5] is string email)
        {
            await Read("SELECT started_at, outcome, http_status, error, request_count FROM ghl_sync_attempts WHERE email = $1 AND started_at >= $2 ORDER BY started_at DESC LIMIT 20", email, order[6]);
        }
        return refunds.Count + licenses.Count + 1;
    }

    /// <summary>The cursor (created_at, id) of the row at <paramref name="offset"/> in the newest-first order; none past the end.</summary>
    public async Task<(DateTimeOffset CreatedAt, Guid Id)?> CursorAtAsync(long offset, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT created_at, id FROM orders ORDER BY created_at DESC, id DESC OFFSET {offset} LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetGuid(1));
    }
}
