using Npgsql;

namespace Serp.Domain.Analytics;

/// <summary>Recomputes the analytics rollups from the base tables (<see cref="AnalyticsSchema.RebuildSql"/>).</summary>
public static class AnalyticsRebuild
{
    /// <summary>In its own transaction: the rebuild command of the app binary.</summary>
    public static async Task RunAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var command = new NpgsqlCommand(AnalyticsSchema.RebuildSql, connection, transaction) { CommandTimeout = 0 })
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>In the caller's open transaction (the demo loader, after its bulk COPY).</summary>
    public static void Run(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand(AnalyticsSchema.RebuildSql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }
}
