using Microsoft.EntityFrameworkCore;
using Npgsql;
using Serp.Domain.Data;

namespace Serp.Admin.Tests.TestData;

/// <summary>
/// Databases on the real PostgreSQL that scripts/test.sh starts (SERP_TEST_PG). A template database is
/// built once per test run from the real migrations; each test class gets a copy of it (CREATE DATABASE
/// … TEMPLATE takes ~100 ms), so classes run in parallel without seeing each other's rows.
/// </summary>
public static class TestDatabases
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? templateName;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("SERP_TEST_PG")
        ?? throw new InvalidOperationException(
            "SERP_TEST_PG is not set: run the tests through ./scripts/test.sh, which starts PostgreSQL, " +
            "or set it to a server connection string such as 'Host=127.0.0.1;Port=55433;Username=postgres'.");

    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    /// <summary>A new, empty database (no migrations), for the migration tests.</summary>
    public static async Task<string> CreateEmptyAsync(string prefix)
    {
        var name = UniqueName(prefix);
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return name;
    }

    /// <summary>A new database with every migration applied, copied from the run's template.</summary>
    public static async Task<string> CreateMigratedAsync(string prefix)
    {
        var template = await EnsureTemplateAsync();
        var name = UniqueName(prefix);
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return name;
    }

    public static async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    public static async Task MigrateAsync(string database)
    {
        await using var dataSource = SerpDatabase.CreateDataSource(ConnectionString(database));
        var options = SerpDatabase.Configure(new DbContextOptionsBuilder<SerpDbContext>(), dataSource);
        await using var db = new SerpDbContext((DbContextOptions<SerpDbContext>)options.Options);
        await db.Database.MigrateAsync();
    }

    private static async Task<string> EnsureTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (templateName is not null) return templateName;
            var name = $"serp_template_{Environment.ProcessId}";
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            await ExecuteAsync($"CREATE DATABASE \"{name}\"");
            await MigrateAsync(name);
            // CREATE DATABASE … TEMPLATE needs the template to have no open connections.
            NpgsqlConnection.ClearAllPools();
            templateName = name;
            return name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static string UniqueName(string prefix)
    {
        var name = $"serp_test_{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}";
        return name.Length > 63 ? name[..63] : name;
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString + ";Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
