using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Serp.Domain.Money;

namespace Serp.Admin.Features.Orders.Detail;

/// <summary>What happened to one order besides its own row, as read from the database.</summary>
internal sealed record OrderHistory(
    IReadOnlyList<PaymentFailureRow> Failures,
    IReadOnlyList<RefundRow> Refunds,
    IReadOnlyList<DisputeRow> Disputes,
    IReadOnlyList<LicenseRow> Licenses,
    IReadOnlyList<StaffActionRow> StaffActions,
    IReadOnlyList<NoteRow> Notes,
    IReadOnlyList<WebhookEventRow> Events,
    IReadOnlyList<GhlAttemptStepRow> GhlAttempts);

/// <summary>
/// The order page's rows around the order, in one round trip: a batch of statements, one result set each (eight
/// separate queries cost eight round trips, which is most of the page's time once the machine is busy). Each is a
/// small indexed read: by order id, by payment ref, by audit target, by customer email; the webhook events go through
/// <c>refs &amp;&amp; …</c> on the GIN index, with the ids of the failures, refunds and disputes gathered in the same
/// statement.
/// </summary>
internal static class OrderHistoryBatch
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Shown as text, never as markup: keep names and symbols readable instead of \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private const string Failures = """
        SELECT attempt_ref, amount, currency, failure_code, failure_message, occurred_at
        FROM payment_failures WHERE source = $1 AND payment_ref = ANY($2)
        """;

    private const string Refunds = """
        SELECT provider_refund_id, amount, currency, status, reason, note, requested_by, created_at
        FROM refunds WHERE order_id = $1
        """;

    private const string Disputes = """
        SELECT provider_dispute_id, amount, currency, status, reason, evidence_due_by, created_at, closed_at
        FROM disputes WHERE order_id = $1
        """;

    private const string Licenses = """
        SELECT product_id, key, status, issued_at, revoked_at, revoke_reason FROM licenses WHERE order_id = $1
        """;

    private const string StaffActions = """
        SELECT id, at, actor, action, outcome, details::text FROM audit_log WHERE target_type = 'order' AND target_id = $1
        """;

    private const string Notes = "SELECT id, author, body, created_at FROM order_notes WHERE order_id = $1";

    // $1: the payment's and the session's own ids; the failures', refunds' and disputes' ids are added here.
    private static readonly string Events = $"""
        SELECT id, provider, event_id, event_type, status, livemode, received_at, refs, payload::text
        FROM webhook_events
        WHERE refs && ($1
            || ARRAY(SELECT attempt_ref FROM payment_failures WHERE source = $2 AND payment_ref = ANY($3))
            || ARRAY(SELECT provider_refund_id FROM refunds WHERE order_id = $4)
            || ARRAY(SELECT provider_dispute_id FROM disputes WHERE order_id = $4))
        ORDER BY received_at DESC
        LIMIT {OrderDetailQueries.MaxEvents}
        """;

    private static readonly string GhlAttempts = $"""
        SELECT started_at, outcome, http_status, error, request_count
        FROM ghl_sync_attempts WHERE email = $1 AND started_at >= $2
        ORDER BY started_at DESC
        LIMIT {OrderDetailQueries.MaxGhlAttempts}
        """;

    /// <param name="paymentRefs">The payment's provider ids (intent, charge, PayPal order and capture).</param>
    /// <param name="sessionRef">The checkout session's provider id, whose events belong to the order too.</param>
    /// <param name="customer">The customer's email key for the GHL attempts; null reads none.</param>
    public static async Task<OrderHistory> ReadAsync(NpgsqlConnection connection, Guid orderId, string source,
        string[] paymentRefs, string? sessionRef, string? customer, DateTimeOffset since, CancellationToken ct)
    {
        string[] ownRefs = sessionRef is null ? paymentRefs : [.. paymentRefs, sessionRef];
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command(Failures, Text(source), TextArray(paymentRefs)),
                Command(Refunds, Id(orderId)),
                Command(Disputes, Id(orderId)),
                Command(Licenses, Id(orderId)),
                Command(StaffActions, Text(orderId.ToString("D"))),
                Command(Notes, Id(orderId)),
                Command(Events, TextArray(ownRefs), Text(source), TextArray(paymentRefs), Id(orderId)),
            },
        };
        if (customer is not null)
        {
            batch.BatchCommands.Add(Command(GhlAttempts, Text(customer), new NpgsqlParameter<DateTimeOffset> { TypedValue = since }));
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var failures = await ReadAllAsync(reader, r => new PaymentFailureRow(r.GetString(0), new Money(r.GetInt64(1), r.GetString(2)),
            OptionalText(r, 3), OptionalText(r, 4), r.GetFieldValue<DateTimeOffset>(5)), ct);
        var refunds = await NextAsync(reader, r => new RefundRow(r.GetString(0), new Money(r.GetInt64(1), r.GetString(2)), r.GetString(3),
            OptionalText(r, 4), OptionalText(r, 5), OptionalText(r, 6), r.GetFieldValue<DateTimeOffset>(7)), ct);
        var disputes = await NextAsync(reader, r => new DisputeRow(r.GetString(0), new Money(r.GetInt64(1), r.GetString(2)), r.GetString(3),
            OptionalText(r, 4), OptionalTime(r, 5), r.GetFieldValue<DateTimeOffset>(6), OptionalTime(r, 7)), ct);
        var licenses = await NextAsync(reader, r => new LicenseRow(r.GetString(0), r.GetString(1), r.GetString(2),
            r.GetFieldValue<DateTimeOffset>(3), OptionalTime(r, 4), OptionalText(r, 5)), ct);
        var actions = await NextAsync(reader, r => new StaffActionRow(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2),
            r.GetString(3), r.GetString(4), Readable(OptionalText(r, 5))), ct);
        var notes = await NextAsync(reader, r => new NoteRow(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3)), ct);
        var events = await NextAsync(reader, r => new WebhookEventRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
            r.GetString(4), r.GetBoolean(5), r.GetFieldValue<DateTimeOffset>(6), r.GetFieldValue<string[]>(7), Pretty(r.GetString(8))), ct);
        var attempts = customer is null ? [] : await NextAsync(reader, r => new GhlAttemptStepRow(r.GetFieldValue<DateTimeOffset>(0),
            r.GetString(1), r.IsDBNull(2) ? null : r.GetInt32(2), OptionalText(r, 3), r.GetInt32(4)), ct);
        return new OrderHistory(failures, refunds, disputes, licenses, actions, notes, events, attempts);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<Guid> Id(Guid id) => new() { TypedValue = id };

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };

    private static NpgsqlParameter<string[]> TextArray(string[] values) =>
        new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static async Task<List<T>> NextAsync<T>(DbDataReader reader, Func<DbDataReader, T> row, CancellationToken ct)
    {
        if (!await reader.NextResultAsync(ct)) throw new InvalidOperationException("The order history batch returned fewer result sets than it has statements.");
        return await ReadAllAsync(reader, row, ct);
    }

    private static async Task<List<T>> ReadAllAsync<T>(DbDataReader reader, Func<DbDataReader, T> row, CancellationToken ct)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(row(reader));
        return rows;
    }

    private static string Pretty(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        return JsonSerializer.Serialize(json.RootElement, Indented);
    }

    private static string? Readable(string? details)
    {
        if (details is null) return null;
        using var json = JsonDocument.Parse(details);
        return AuditDetailsText.Format(json.RootElement);
    }

    private static string? OptionalText(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? OptionalTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
