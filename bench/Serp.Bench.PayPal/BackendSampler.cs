using Npgsql;

namespace Serp.Bench.PayPal;

/// <summary>
/// Samples the app's PostgreSQL connections (backends named by the app's <c>Application Name</c>) while a phase runs:
/// how many exist, and how many are busy (running a statement or inside a transaction). A door that held a
/// connection across PayPal's verification would need one per delivery in verification.
/// </summary>
internal sealed class BackendSampler(NpgsqlDataSource dataSource, string applicationName)
{
    public async Task<(int Connections, int Busy)> SampleAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*)::int, (count(*) FILTER (WHERE state <> 'idle'))::int FROM pg_stat_activity WHERE application_name = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = applicationName });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>Samples every 20 ms until <paramref name="phase"/> completes; the most connections and busy ones seen.</summary>
    public async Task<(int MaxConnections, int MaxBusy, int Samples)> WhileAsync(Task phase, CancellationToken ct)
    {
        var (maxConnections, maxBusy, samples) = (0, 0, 0);
        while (!phase.IsCompleted)
        {
            var (connections, busy) = await SampleAsync(ct);
            (maxConnections, maxBusy, samples) = (Math.Max(maxConnections, connections), Math.Max(maxBusy, busy), samples + 1);
            await Task.WhenAny(phase, Task.Delay(20, ct));
        }
        await phase;
        return (maxConnections, maxBusy, samples);
    }
}
