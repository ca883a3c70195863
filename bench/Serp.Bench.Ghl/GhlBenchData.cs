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
    private const string FreshEmail = "fresh.buyer@bench.example";

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

    /// <summary>Bumps, then waits until no row is pending or in progress; the fake's requests in between are the phase's.</summary>
    public async Task<PhaseResult> RunPhaseAsync(FakeGhlApi fake, Func<Task> bump, int customers, CancellationToken ct)
    {
        var before = fake.Requests.Count;
        var clock = Stopwatch.StartNew();
        await bump();
        while (true)
        {
            var (open, succeeded, failed) = await CountsAsync(ct);
            if (open == 0 && succeeded + failed >= customers)
            {
                return new PhaseResult([.. fake.Requests.Skip(before)], clock.Elapsed, succeeded, failed);
            }
            await Task.Delay(250, ct);
        }
    }

    /// <summary>
    /// Starts an operator's bulk resync (a forced push of everyone), and <paramref name="after"/> into it makes a new
    /// purchase and bumps it as the ledger does (fresh): how long until that customer is synced, and how much of the
    /// bulk was still waiting then.
    /// </summary>
    public async Task<FreshResult> FreshBehindBulkAsync(FakeGhlApi fake, TimeSpan after, CancellationToken ct)
    {
        await BumpEveryoneAsync("bench@serp.example", ct);
        await Task.Delay(after, ct);
        var (bulkWaitingAtStart, _, _) = await CountsAsync(ct);

        await using (var command = database.CreateCommand($"""
            INSERT INTO orders (id, stripe_payment_intent_id, amount_total, currency, offer_id, customer_email, customer_name,
                                payment_status, payment_method, source, created_at, updated_at, paid_at, amount_refunded)
            VALUES (gen_random_uuid(), 'pi_bench_fresh', 19700, 'usd', 'offer-bundle', '{FreshEmail}', 'Fresh Buyer', 'paid', 'card',
                    'stripe', now(), now(), now(), 0)
            """))
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        var clock = Stopwatch.StartNew();
        await using (var db = CreateDbContext()) await outbox.BumpAsync(db, FreshEmail, null, GhlSyncPriority.Fresh, ct);
        while (await StatusAsync(FreshEmail, ct) != GhlSyncStatus.Succeeded)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("the fresh purchase was not synced within 5 minutes");
            await Task.Delay(20, ct);
        }
        var waited = clock.Elapsed;
        var (bulkWaitingAtEnd, _, _) = await CountsAsync(ct);
        return new FreshResult(waited, bulkWaitingAtStart, bulkWaitingAtEnd,
            fake.Requests.Count(r => r.Body.Contains(FreshEmail, StringComparison.Ordinal)));
    }

    private async Task<(int Open, int Succeeded, int Failed)> CountsAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            SELECT count(*) FILTER (WHERE status IN ('pending', 'in_progress'))::int,
                   count(*) FILTER (WHERE status = 'succeeded')::int,
                   count(*) FILTER (WHERE status = 'failed')::int
            FROM ghl_sync
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
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

public sealed record PhaseResult(IReadOnlyList<FakeGhlRequest> Requests, TimeSpan Elapsed, int Succeeded, int Failed);

/// <param name="Waited">From the fresh bump to its row succeeded.</param>
/// <param name="BulkWaitingBefore">Customers of the bulk resync not yet synced when the purchase came in.</param>
/// <param name="BulkWaitingAfter">... and when it was synced.</param>
/// <param name="Requests">Requests whose body named the fresh customer (the upsert).</param>
public sealed record FreshResult(TimeSpan Waited, int BulkWaitingBefore, int BulkWaitingAfter, int Requests);
