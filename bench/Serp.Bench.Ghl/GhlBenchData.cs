using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Serp.Admin.Tests.Fakes.Ghl;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;

namespace Serp.Bench.Ghl;

/// <summary>The bench's customers (one paid, licensed order each; not demo data, so the sync pushes them) and the outbox.</summary>
public sealed class GhlBenchData(string connectionString) : IAsyncDisposable
{
    private const string FreshDomain = "@fresh.bench.example";

    private readonly NpgsqlDataSource database = SerpDatabase.CreateDataSource(connectionString);
    private readonly GhlOutbox outbox = new(TimeProvider.System);

    public async Task SeedAsync(int customers, CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO orders (id, stripe_payment_intent_id, amount_total, currency, offer_id, customer_email, customer_name,
                                payment_status, payment_method, source, created_at, updated_at, paid_at, amount_refunded)
            SELECT gen_random_uuid(), 'pi_bench_' || g, 9700, 'usd', 'offer-serp-downloader', 'buyer' || g || '@bench.example',
                   'Bench Buyer' || g, 'paid', 'card', 'stripe', now() - interval '1 day', now(), now() - interval '1 day', 0
            FROM generate_series(1, $1) AS g
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = customers });
        await command.ExecuteNonQueryAsync(ct);
        await using var licenses = database.CreateCommand("""
            INSERT INTO licenses (id, order_id, product_id, key, status, issued_at)
            SELECT gen_random_uuid(), id, 'serp-downloader', 'SERP-BENCH-' || upper(substr(md5(id::text), 1, 12)), 'active', paid_at
            FROM orders WHERE stripe_payment_intent_id LIKE 'pi_bench_%'
            """);
        await licenses.ExecuteNonQueryAsync(ct);
    }

    public async Task BumpEveryoneAsync(string operatorEmail, CancellationToken ct)
    {
        await using var db = CreateDbContext();
        await outbox.BumpManyAsync(db, GhlBulkScope.Everyone, operatorEmail, GhlSyncPriority.Bulk, ct);
    }

    /// <summary>Every customer bumped one by one as the purchase ledger does: no operator, so the unchanged hash sends nothing.</summary>
    public async Task BumpEachAsLedgerAsync(CancellationToken ct)
    {
        await using var db = CreateDbContext();
        var emails = await db.GhlSync.AsNoTracking().Select(s => s.Email).ToListAsync(ct);
        foreach (var email in emails) await outbox.BumpAsync(db, email, null, GhlSyncPriority.Fresh, ct);
    }

    /// <summary>
    /// Bumps, then waits until no row is pending or in progress; the fake's requests in between are the phase's. Notes
    /// when the backlog ran dry (no row pending any more, the last ones being synced): until then the sender always had
    /// work for every loop, after it the last customers trickle out whatever the budget.
    /// </summary>
    public async Task<PhaseResult> RunPhaseAsync(FakeGhlApi fake, Func<Task> bump, int customers, CancellationToken ct)
    {
        var before = fake.Requests.Count;
        var clock = Stopwatch.StartNew();
        await bump();
        DateTimeOffset? dry = null;
        while (true)
        {
            var (pending, open, succeeded, failed) = await CountsAsync(ct);
            if (pending == 0) dry ??= DateTimeOffset.UtcNow;
            if (open == 0 && succeeded + failed >= customers)
            {
                return new PhaseResult([.. fake.Requests.Skip(before)], clock.Elapsed, succeeded, failed, dry);
            }
            await Task.Delay(100, ct);
        }
    }

    /// <summary>
    /// Starts an operator's bulk resync (a forced push of everyone), and from <paramref name="after"/> into it makes
    /// <paramref name="count"/> new purchases, one every <paramref name="every"/> (so they meet the bulk at different
    /// points of its 10 s rhythm), each bumped as the ledger does (fresh): how long until each customer is synced,
    /// and how much of the bulk was still waiting.
    /// </summary>
    public async Task<FreshResult> FreshBehindBulkAsync(FakeGhlApi fake, TimeSpan after, TimeSpan every, int count, CancellationToken ct)
    {
        await BumpEveryoneAsync("bench@serp.example", ct);
        await Task.Delay(after, ct);
        var (_, bulkWaitingAtStart, _, _) = await CountsAsync(ct);
        var waits = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await Task.Delay(every * i, ct);
            return await FreshPurchaseAsync(i, ct);
        }));
        var (_, bulkWaitingAtEnd, _, _) = await CountsAsync(ct);
        return new FreshResult(waits, bulkWaitingAtStart, bulkWaitingAtEnd,
            fake.Requests.Count(r => r.Body.Contains(FreshDomain, StringComparison.Ordinal)));
    }

    /// <summary>A new paid purchase bumped fresh; the time until its row is <c>succeeded</c>.</summary>
    private async Task<TimeSpan> FreshPurchaseAsync(int index, CancellationToken ct)
    {
        var email = $"fresh{index}.buyer{FreshDomain}";
        await using (var command = database.CreateCommand("""
            INSERT INTO orders (id, stripe_payment_intent_id, amount_total, currency, offer_id, customer_email, customer_name,
                                payment_status, payment_method, source, created_at, updated_at, paid_at, amount_refunded)
            VALUES (gen_random_uuid(), 'pi_bench_fresh_' || $2, 19700, 'usd', 'offer-bundle', $1, 'Fresh Buyer', 'paid', 'card',
                    'stripe', now(), now(), now(), 0)
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = email });
            command.Parameters.Add(new NpgsqlParameter { Value = index });
            await command.ExecuteNonQueryAsync(ct);
        }
        var clock = Stopwatch.StartNew();
        await using (var db = CreateDbContext()) await outbox.BumpAsync(db, email, null, GhlSyncPriority.Fresh, ct);
        while (await StatusAsync(email, ct) != GhlSyncStatus.Succeeded)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("a fresh purchase was not synced within 5 minutes");
            await Task.Delay(20, ct);
        }
        return clock.Elapsed;
    }

    private async Task<(int Pending, int Open, int Succeeded, int Failed)> CountsAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            SELECT count(*) FILTER (WHERE status = 'pending')::int,
                   count(*) FILTER (WHERE status IN ('pending', 'in_progress'))::int,
                   count(*) FILTER (WHERE status = 'succeeded')::int,
                   count(*) FILTER (WHERE status = 'failed')::int
            FROM ghl_sync
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
    }

    private async Task<string?> StatusAsync(string email, CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT status FROM ghl_sync WHERE email = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        return (string?)await command.ExecuteScalarAsync(ct);
    }

    private SerpDbContext CreateDbContext() =>
        new((DbContextOptions<SerpDbContext>)SerpDatabase.Configure(new DbContextOptionsBuilder<SerpDbContext>(), database).Options);

    public ValueTask DisposeAsync() => database.DisposeAsync();
}

/// <param name="BacklogDry">When no row was pending any more (null: never seen before the phase ended).</param>
public sealed record PhaseResult(IReadOnlyList<FakeGhlRequest> Requests, TimeSpan Elapsed, int Succeeded, int Failed, DateTimeOffset? BacklogDry);

/// <param name="Waits">Per fresh purchase, from its bump to its row succeeded.</param>
/// <param name="BulkWaitingBefore">Customers of the bulk resync not yet synced when the first purchase came in.</param>
/// <param name="BulkWaitingAfter">... and when the last was synced.</param>
/// <param name="Requests">Requests whose body named a fresh customer (the upserts).</param>
public sealed record FreshResult(IReadOnlyList<TimeSpan> Waits, int BulkWaitingBefore, int BulkWaitingAfter, int Requests);
