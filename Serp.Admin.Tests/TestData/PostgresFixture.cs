using Microsoft.EntityFrameworkCore;
using Npgsql;
using Serp.Domain.Data;

namespace Serp.Admin.Tests.TestData;

/// <summary>A migrated database of its own for one test class (use as <c>IClassFixture</c>).</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public string Database { get; private set; } = "";
    public string ConnectionString => TestDatabases.ConnectionString(Database);
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabases.CreateMigratedAsync("db");
        DataSource = SerpDatabase.CreateDataSource(ConnectionString);
    }

    public SerpDbContext CreateDbContext()
    {
        var options = SerpDatabase.Configure(new DbContextOptionsBuilder<SerpDbContext>(), DataSource);
        return new SerpDbContext((DbContextOptions<SerpDbContext>)options.Options);
    }

    public async Task DisposeAsync()
    {
        if (DataSource is not null) await DataSource.DisposeAsync();
        if (Database.Length > 0) await TestDatabases.DropAsync(Database);
    }
}
