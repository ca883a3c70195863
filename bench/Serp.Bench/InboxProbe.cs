using System.Diagnostics;
using Npgsql;

namespace Serp.Bench;

/// <summary>The inbox and orders as the database sees them.</summary>
internal sealed record InboxCounts(long Events, long Received, long Processed, long Failed, long Ignored, long Orders);

/// <summary>Processing of one phase's events: how many, and from the first arrival to the last processed.</summary>
internal sealed record ProcessingResult(string Name, long Events, long Processed, double Seconds)
{
    public double PerSecond => Seconds > 0 ? Processed / Seconds : double.NaN;
}

/// <summary>Reads the app's database: waits for the processor, counts orders, times processing per phase.</summary>
internal sealed class InboxProbe(NpgsqlDataSource dataSource)
{
    public async Task<InboxCounts> CountAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*), count(*) FILTER (WHERE status = 'received'), count(*) FILTER (WHERE status = 'processed'),
                   count(*) FILTER (WHERE status = 'failed'), count(*) FILTER (WHERE status = 'ignored'),
                   (SELECT count(*) FROM orders)
            FROM webhook_events
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new InboxCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    /// <summary>Polls until nothing is left to process, or <paramref name="limit"/> has passed. Returns the last counts and the wait.</summary>
    public async Task<(InboxCounts Counts, TimeSpan Waited)> WaitUntilProcessedAsync(TimeSpan limit, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        while (await ToDoAsync(ct) > 0 && Stopwatch.GetElapsedTime(start) < limit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
        var waited = Stopwatch.GetElapsedTime(start);
        return (await CountAsync(ct), waited);
    }

    /// <summary>Events still to process: cheap (the processor's own partial index), so polling does not load the database.</summary>
    public async Task<long> ToDoAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM webhook_events WHERE status = 'received'");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Events whose id starts with <paramref name="prefix"/>: processed count, first received → last processed.</summary>
    public async Task<ProcessingResult> ProcessingAsync(string name, string prefix, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*), count(*) FILTER (WHERE status = 'processed'),
                   coalesce(extract(epoch FROM max(processed_at) - min(received_at)), 0)::float8
            FROM webhook_events WHERE event_id LIKE $1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix + "%" });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new ProcessingResult(name, reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2));
    }
}
