using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Serp.Domain.Data;

/// <summary>How every host (web app, tests, benchmarks) configures <see cref="SerpDbContext"/>.</summary>
public static class SerpDatabase
{
    /// <summary>One data source per connection string: it owns the pool and the JSON mapping.</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.EnableDynamicJson();
        return builder.Build();
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
    }
}
