using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Serp.Admin.Catalog;
using Serp.Domain.Analytics;
using Serp.Domain.Catalog;
using Serp.Domain.Data;
using Serp.Domain.Demo;

namespace Serp.Admin.Hosting;

/// <summary>
/// Maintenance commands of the same binary, with the same configuration as the web host:
/// <c>migrate</c>, <c>rebuild-analytics</c> and <c>seed-demo [--orders N] [--seed S] [--if-empty]</c>.
/// </summary>
internal static class CliCommands
{
    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("migrate" or "seed-demo" or "rebuild-analytics")) return false;

        // The web builder, without the command's arguments: same environment (ASPNETCORE_ENVIRONMENT) and configuration.
        var builder = WebApplication.CreateBuilder([]);
        // Before the first migration the history table does not exist; EF logs that expected failure as an error.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        builder.AddSerpDatabase();
        builder.AddCatalog();
        using var host = builder.Build();
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<SerpDbContext>>();

        if (args[0] == "migrate")
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            // Some migrations fill rollups from every order (CustomerAnalytics): minutes at a million orders, far past
            // the 30 s default that timed out and left such a database unmigrated. No limit: the operator watches it.
            db.Database.SetCommandTimeout(0);
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            await db.Database.MigrateAsync();
            Console.WriteLine(pending.Count == 0 ? "Database is up to date." : $"Applied {pending.Count} migration(s).");
            return true;
        }

        if (args[0] == "rebuild-analytics")
        {
            // After a bulk import that bypassed the rollup triggers; writers wait while it runs.
            var started = Stopwatch.StartNew();
            await AnalyticsRebuild.RunAsync(host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), CancellationToken.None);
            Console.WriteLine($"Analytics rollups rebuilt in {started.Elapsed.TotalSeconds:F1} s.");
            return true;
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException("seed-demo only runs in Development: demo data must never reach a real store.");
        }

        var orders = IntOption(args, "--orders", 5000);
        var seed = IntOption(args, "--seed", 42);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            if (args.Contains("--if-empty") && await db.Orders.AnyAsync())
            {
                Console.WriteLine("Demo data skipped: the database already has orders.");
                return true;
            }
        }

        var stopwatch = Stopwatch.StartNew();
        var generator = new DemoDataGenerator(host.Services.GetRequiredService<OfferCatalog>(), seed, TimeProvider.System);
        var result = generator.Write(host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), orders);
        Console.WriteLine(
            $"Demo data: {result.Orders:N0} orders, {result.CheckoutSessions:N0} checkout sessions in {stopwatch.Elapsed.TotalSeconds:F1} s.");
        return true;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0) return fallback;
        if (index + 1 >= args.Length || !int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new ArgumentException($"{name} needs a non-negative whole number.");
        }
        return value;
    }
}
