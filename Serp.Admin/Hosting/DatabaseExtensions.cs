using Microsoft.EntityFrameworkCore;
using Npgsql;
using Serp.Domain.Data;

namespace Serp.Admin.Hosting;

internal static class DatabaseExtensions
{
    /// <summary>
    /// <see cref="SerpDbContext"/> through a factory: Blazor Server circuits live long, so every
    /// operation creates and disposes its own short-lived context.
    /// </summary>
    public static IHostApplicationBuilder AddSerpDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Serp");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Serp is not set. Set it (environment variable ConnectionStrings__Serp) " +
                "to a PostgreSQL connection string, or start the app with ./scripts/run.sh.");
        }

        builder.Services.AddSingleton(_ => SerpDatabase.CreateDataSource(connectionString));
        builder.Services.AddDbContextFactory<SerpDbContext>((services, options) =>
            SerpDatabase.Configure(options, services.GetRequiredService<NpgsqlDataSource>()));
        return builder;
    }
}
