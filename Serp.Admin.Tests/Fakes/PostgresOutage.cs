using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Serp.Domain.Data;

namespace Serp.Admin.Tests.Fakes;

/// <summary>
/// The small PostgreSQL cluster that scripts/test.sh starts for outage tests (SERP_TEST_PG_OUTAGE): the test stops it
/// with pg_ctl and starts it again, so the app meets a database that is really down, not a simulation.
/// </summary>
public sealed class PostgresOutage
{
    /// <summary>The xunit collection of the tests that stop the cluster: one at a time, or one would stop it under another.</summary>
    public const string Collection = "postgres-outage";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("SERP_TEST_PG_OUTAGE")
        ?? throw new InvalidOperationException("SERP_TEST_PG_OUTAGE is not set: run the tests through ./scripts/test.sh.");

    private static string DataDirectory =>
        Environment.GetEnvironmentVariable("SERP_TEST_PG_OUTAGE_DATA")
        ?? throw new InvalidOperationException("SERP_TEST_PG_OUTAGE_DATA is not set: run the tests through ./scripts/test.sh.");

    private static string PgCtl => Path.Combine(Environment.GetEnvironmentVariable("SERP_PG_BIN") ?? "/usr/lib/postgresql/15/bin", "pg_ctl");

    public static Task StopAsync() => PgCtlAsync("-m", "fast", "-w", "stop");

    /// <summary>Starts the cluster again where scripts/test.sh had it: loopback, the same port and socket folder.</summary>
    public static Task StartAsync()
    {
        var port = new NpgsqlConnectionStringBuilder(ServerConnectionString).Port;
        var options = $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={DataDirectory} -c fsync=off";
        return PgCtlAsync("-w", "-t", "30", "-l", Path.Combine(DataDirectory, "server.log"), "-o", options, "start");
    }

    /// <summary>A database of the test's own on the outage cluster, migrated with the real migrations.</summary>
    public static async Task CreateMigratedDatabaseAsync(string database)
    {
        await using (var server = new NpgsqlConnection(ServerConnectionString + ";Database=postgres;Pooling=false"))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", server);
            await create.ExecuteNonQueryAsync();
        }
        await using var dataSource = SerpDatabase.CreateDataSource(ConnectionString(database));
        await using var db = new SerpDbContext((DbContextOptions<SerpDbContext>)SerpDatabase.Configure(new DbContextOptionsBuilder<SerpDbContext>(), dataSource).Options);
        await db.Database.MigrateAsync();
    }

    public static async Task DropDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(ServerConnectionString + ";Database=postgres;Pooling=false");
        await server.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync();
    }

    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    private static async Task PgCtlAsync(params string[] args)
    {
        // PostgreSQL refuses to run as root: as root (CI), act as the cluster's owner.
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : PgCtl) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", PgCtl }) start.ArgumentList.Add(a);
        }
        foreach (var a in new[] { "-D", DataDirectory }.Concat(args)) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pg_ctl did not start");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pg_ctl {string.Join(' ', args)} failed: {error}");
    }
}
