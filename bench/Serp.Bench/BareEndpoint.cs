using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Serp.Bench;

/// <summary>
/// The ceiling: a minimal Kestrel app on loopback that reads the body and does one INSERT per request, nothing
/// else (no verification, no parsing, no middleware). Whatever the real endpoint does on top costs against this.
/// </summary>
internal static class BareEndpoint
{
    public const string Path = "/bare";

    public static async Task CreateTableAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS bench_bare (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload jsonb NOT NULL);
            TRUNCATE bench_bare;
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<(WebApplication App, Uri Url)> StartAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        // Content root in the build output and no reload: by default it is the working directory (the repository), and
        // watching it would feed the bench every write PostgreSQL makes under .data/, costing CPU the ceiling needs.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost(Path, async (HttpRequest request, CancellationToken requestAborted) =>
        {
            using var reader = new StreamReader(request.Body);
            var payload = await reader.ReadToEndAsync(requestAborted);
            await using var command = dataSource.CreateCommand("INSERT INTO bench_bare(payload) VALUES ($1::jsonb)");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload });
            await command.ExecuteNonQueryAsync(requestAborted);
            return Results.Ok();
        });
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (app, new Uri(new Uri(address), Path));
    }
}
