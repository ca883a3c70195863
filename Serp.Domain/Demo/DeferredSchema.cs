using Npgsql;

namespace Serp.Domain.Demo;

/// <summary>
/// The secondary indexes and foreign keys of the demo tables, dropped before a bulk load and re-created from
/// their exact definitions (pg_get_indexdef / pg_get_constraintdef) after it, in the caller's transaction.
/// </summary>
internal sealed class DeferredSchema
{
    private const string Tables = "'orders', 'checkout_sessions', 'refunds', 'disputes', 'licenses'";
    private readonly List<string> restore = [];

    public static DeferredSchema Drop(NpgsqlConnection connection)
    {
        var schema = new DeferredSchema();
        var foreignKeys = Query(connection, $"""
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE contype = 'f' AND conrelid::regclass::text IN ({Tables})
            """);
        foreach (var (table, name, definition) in foreignKeys)
        {
            Execute(connection, $"ALTER TABLE {table} DROP CONSTRAINT {name}");
            schema.restore.Add($"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}");
        }

        // Indexes that back a constraint (the primary keys) stay: the foreign keys need them.
        var indexes = Query(connection, $"""
            SELECT i.tablename, i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename IN ({Tables})
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """);
        foreach (var (_, name, definition) in indexes)
        {
            Execute(connection, $"DROP INDEX {name}");
            schema.restore.Insert(0, definition);
        }
        return schema;
    }

    public void Restore(NpgsqlConnection connection)
    {
        Execute(connection, "SET LOCAL maintenance_work_mem = '256MB'");
        foreach (var statement in restore) Execute(connection, statement);
    }

    private static List<(string, string, string)> Query(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}
