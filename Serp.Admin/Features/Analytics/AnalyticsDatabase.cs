using Npgsql;

namespace Serp.Admin.Features.Analytics;

/// <summary>
/// Where analytics reads go: <c>ConnectionStrings:SerpReadOnly</c> (a replica) when it is set, else the main
/// database. Reads only: the rollups are written by triggers on the primary. A page load runs its statements at
/// once (<see cref="AnalyticsLoad"/>); at most <see cref="MaxStatementsAtOnce"/> run at a time across the app, the
/// rest wait here without a connection, so analytics never takes more of a shared pool than that.
/// </summary>
public sealed class AnalyticsDatabase(NpgsqlDataSource dataSource) : IDisposable
{
    /// <summary>One page load's statements (the figures' seven and the Customers section's three) fit.</summary>
    public const int MaxStatementsAtOnce = 10;

    private readonly SemaphoreSlim slots = new(MaxStatementsAtOnce);

    /// <summary>Runs one query and maps each row; parameters are positional ($1, $2, …).</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, IEnumerable<object?> parameters, Func<NpgsqlDataReader, T> map,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(map);
        await slots.WaitAsync(ct);
        try
        {
            return await RunAsync(sql, parameters, map, ct);
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();

    private async Task<List<T>> RunAsync<T>(string sql, IEnumerable<object?> parameters, Func<NpgsqlDataReader, T> map,
        CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            // An absent filter is a typed null: "$3::text IS NULL OR source = $3".
            command.Parameters.Add(parameter is null
                ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text }
                : new NpgsqlParameter { Value = parameter });
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(map(reader));
        return rows;
    }
}
