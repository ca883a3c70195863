using Microsoft.Extensions.Options;
using Npgsql;

namespace Serp.Admin.Integrations.Ghl;

/// <summary>
/// The GHL request budget of ALL app instances together, kept in PostgreSQL (ADR 14): a ring of
/// <c>Ghl:RequestsPer10Seconds</c> slots, each reusable only <see cref="Window"/> after the request that last used it
/// finished (by the database clock, so instance clocks do not matter), a per-UTC-day counter, and a shared pause set
/// from 429s and exhausted rate-limit headers. Transactions are short and never span the HTTP call.
/// </summary>
public sealed class GhlRequestBudget(NpgsqlDataSource database, IOptionsMonitor<GhlOptions> options, TimeProvider time, ILogger<GhlRequestBudget> logger)
    : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>When every slot is locked by other takers right now: try again this soon.</summary>
    private static readonly TimeSpan Contended = TimeSpan.FromMilliseconds(5);

    private static readonly TimeSpan RingCheckEvery = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim ringCheck = new(1, 1);
    private RingState? ring;

    /// <summary>Waits for the pause to end and a slot to be free, then takes it. Throws a transient <see cref="GhlApiException"/>
    /// when the daily budget is spent or the database cannot be reached.</summary>
    public async Task<GhlBudgetLease> AcquireAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        try
        {
            await EnsureRingAsync(settings.RequestsPer10Seconds, ct);
            while (true)
            {
                var (lease, wait) = await TryTakeAsync(settings.RequestsPerDay, ct);
                if (lease is not null) return lease;
                await Task.Delay(wait, time, ct);
            }
        }
        catch (NpgsqlException ex)
        {
            throw new GhlApiException("The GHL request budget could not be read from the database; GHL was not called.", null,
                isTransient: true, TimeSpan.FromSeconds(30), ex);
        }
    }

    /// <summary>No instance sends for <paramref name="wait"/> from now (a pause already longer stays).</summary>
    public async Task PauseAsync(TimeSpan wait, string reason, CancellationToken ct)
    {
        logger.LogWarning("GHL requests paused for {Wait} on every instance: {Reason}", wait, reason);
        try
        {
            await using var command = database.CreateCommand("""
                UPDATE ghl_rate_pause SET paused_until = clock_timestamp() + $1, reason = $2
                WHERE id = 1 AND paused_until < clock_timestamp() + $1
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = wait });
            command.Parameters.Add(new NpgsqlParameter { Value = reason });
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (NpgsqlException ex)
        {
            // The 429 still reaches the caller; only the other instances miss the hint.
            logger.LogWarning(ex, "The GHL pause could not be shared through the database");
        }
    }

    /// <summary>
    /// Marks the slot used from now (the request has finished, so it reached GHL before now): the slot's next request
    /// leaves a full window after this one arrived, whatever the network did. A no-op when someone else took the slot.
    /// </summary>
    internal async Task ReleaseAsync(GhlBudgetLease lease)
    {
        try
        {
            await using var command = database.CreateCommand(
                "UPDATE ghl_rate_slots SET granted_at = clock_timestamp() WHERE slot = $1 AND granted_at = $2");
            command.Parameters.Add(new NpgsqlParameter { Value = lease.Slot });
            command.Parameters.Add(new NpgsqlParameter { Value = lease.GrantedAt });
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException ex)
        {
            // The slot keeps its grant time: it frees a request's round trip early, once.
            logger.LogWarning(ex, "A GHL budget slot could not be marked finished");
        }
    }

    public void Dispose() => ringCheck.Dispose();

    /// <summary>
    /// One statement, one round trip, its own transaction: reads the clock and the pause, locks the least recently used
    /// slot that nobody else is locking, and only when the pause is over and that slot's last use is a window old counts
    /// the request in the day (while under <paramref name="perDay"/>) and stamps the slot. Locks are held for the
    /// statement alone, so takers on every instance serialize only on the day's row, for microseconds.
    /// </summary>
    private const string TakeSql = """
        WITH now AS MATERIALIZED (SELECT clock_timestamp() AS at),
        pause AS MATERIALIZED (SELECT paused_until FROM ghl_rate_pause WHERE id = 1),
        lru AS MATERIALIZED (SELECT slot, granted_at FROM ghl_rate_slots ORDER BY granted_at, slot LIMIT 1 FOR UPDATE SKIP LOCKED),
        due AS MATERIALIZED (SELECT lru.slot, now.at FROM lru, pause, now WHERE pause.paused_until <= now.at AND lru.granted_at + $2 <= now.at),
        counted AS (
            INSERT INTO ghl_rate_days AS d (day, requests) SELECT (due.at AT TIME ZONE 'UTC')::date, 1 FROM due
            ON CONFLICT (day) DO UPDATE SET requests = d.requests + 1 WHERE d.requests < $1
            RETURNING requests),
        taken AS (
            UPDATE ghl_rate_slots s SET granted_at = clock_timestamp() FROM due, counted WHERE s.slot = due.slot
            RETURNING s.granted_at)
        SELECT now.at, pause.paused_until, lru.slot, lru.granted_at, (SELECT granted_at FROM taken)
        FROM now CROSS JOIN pause LEFT JOIN lru ON true
        """;

    private async Task<(GhlBudgetLease? Lease, TimeSpan Wait)> TryTakeAsync(int perDay, CancellationToken ct)
    {
        await using var take = database.CreateCommand(TakeSql);
        take.Parameters.Add(new NpgsqlParameter { Value = perDay });
        take.Parameters.Add(new NpgsqlParameter { Value = Window });
        await using var reader = await take.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (now, pausedUntil) = (reader.GetDateTime(0), reader.GetDateTime(1));
        int? slot = reader.IsDBNull(2) ? null : reader.GetInt32(2);
        var grantedAt = reader.IsDBNull(3) ? default : reader.GetDateTime(3);
        DateTime? stamped = reader.IsDBNull(4) ? null : reader.GetDateTime(4);

        if (stamped is { } at) return (new GhlBudgetLease(this, slot!.Value, at), TimeSpan.Zero);
        if (pausedUntil > now) return (null, pausedUntil - now);
        if (slot is null) return (null, Contended);
        if (grantedAt + Window > now) return (null, grantedAt + Window - now);

        // The slot was due and the pause over, so only the day's count can have refused it.
        var midnight = now.Date.AddDays(1);
        throw new GhlApiException($"The daily GHL budget (Ghl:RequestsPerDay, {perDay:N0}) is spent; requests resume after midnight UTC.",
            null, isTransient: true, midnight - now);
    }

    /// <summary>
    /// Keeps the ring at <paramref name="size"/> slots (checked every 30 s). Growing adds free slots; shrinking drops the
    /// slots used longest ago, so the rolling window stays exact. Instances should share the setting: two sizes flap.
    /// </summary>
    private async Task EnsureRingAsync(int size, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (ring is { } known && known.Size == size && now - known.CheckedAt < RingCheckEvery) return;
        await ringCheck.WaitAsync(ct);
        try
        {
            await using var connection = await database.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var resize = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new("SELECT pg_advisory_xact_lock(hashtext('ghl_rate_slots'))"),
                    new("""
                        DELETE FROM ghl_rate_slots WHERE slot IN (
                            SELECT slot FROM ghl_rate_slots ORDER BY granted_at, slot
                            LIMIT greatest((SELECT count(*) FROM ghl_rate_slots) - $1, 0))
                        """) { Parameters = { new() { Value = size } } },
                    new("""
                        INSERT INTO ghl_rate_slots (slot, granted_at)
                        SELECT m.top + g, '-infinity' FROM (SELECT coalesce(max(slot), 0) AS top, count(*) AS n FROM ghl_rate_slots) m,
                            generate_series(1, $1 - m.n) AS g
                        """) { Parameters = { new() { Value = size } } },
                },
            };
            await resize.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            ring = new RingState(size, now);
        }
        finally
        {
            ringCheck.Release();
        }
    }

    private sealed record RingState(int Size, DateTimeOffset CheckedAt);
}

/// <summary>A taken budget slot; disposing it marks the request finished (see <see cref="GhlRequestBudget.ReleaseAsync"/>).</summary>
public sealed class GhlBudgetLease(GhlRequestBudget budget, int slot, DateTime grantedAt) : IAsyncDisposable
{
    internal int Slot { get; } = slot;
    internal DateTime GrantedAt { get; } = grantedAt;

    public ValueTask DisposeAsync() => new(budget.ReleaseAsync(this));
}
