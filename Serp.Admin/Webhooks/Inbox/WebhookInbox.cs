using Npgsql;
using NpgsqlTypes;

namespace Serp.Admin.Webhooks.Inbox;

/// <summary>A verified event about to be stored.</summary>
public sealed record IncomingEvent(string Provider, string EventId, string EventType, string? ApiVersion, bool Livemode, string Payload);

/// <summary>
/// Stores verified events with one INSERT … ON CONFLICT DO NOTHING (no EF on the hot path): a duplicate
/// delivery changes nothing. Throws when the database cannot be reached, so the endpoint can answer 503.
/// </summary>
public sealed class WebhookInbox(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Sql = """
        INSERT INTO webhook_events (provider, event_id, event_type, api_version, livemode, payload, status, attempts, received_at)
        VALUES ($1, $2, $3, $4, $5, $6, 'received', 0, $7)
        ON CONFLICT (provider, event_id) DO NOTHING
        """;

    // A listed object reconciliation could not apply: stored (or its earlier row updated) as failed with the error,
    // so it shows on /monitoring and replays like any failed event. A row already processed is failed again: the
    // newer snapshot is what did not apply.
    private const string FailedSql = """
        INSERT INTO webhook_events (provider, event_id, event_type, api_version, livemode, payload, status, attempts, last_error, received_at)
        VALUES ($1, $2, $3, $4, $5, $6, 'failed', 1, $8, $7)
        ON CONFLICT (provider, event_id) DO UPDATE
        SET payload = EXCLUDED.payload, status = 'failed', attempts = webhook_events.attempts + 1, last_error = EXCLUDED.last_error,
            next_attempt_at = NULL
        """;

    /// <summary>True when stored now, false when it was already there.</summary>
    public async Task<bool> StoreAsync(IncomingEvent incoming, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        await using var command = Command(Sql, incoming);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Stores an event that is known not to apply, as <c>failed</c> with <paramref name="error"/> (replayable).</summary>
    public async Task StoreFailedAsync(IncomingEvent incoming, string error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        await using var command = Command(FailedSql, incoming);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error });
        await command.ExecuteNonQueryAsync(ct);
    }

    private NpgsqlCommand Command(string sql, IncomingEvent incoming)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = incoming.Provider });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = incoming.EventId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = incoming.EventType });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)incoming.ApiVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = incoming.Livemode });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = incoming.Payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        return command;
    }
}
