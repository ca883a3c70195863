using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serp.Admin.Hosting;
using Serp.Admin.Integrations.Ghl;
using Serp.Admin.Tests.Fakes;
using Serp.Admin.Tests.Fakes.Ghl;
using Serp.Admin.Tests.TestData;

namespace Serp.Admin.Tests.Integration.Ghl;

/// <summary>
/// The app's database and GHL registrations (<c>AddSerpDatabase</c>, <c>AddGhl</c>) alone, pointed at a
/// <see cref="FakeGhlApi"/>: a cheap stand-in for one app instance (two of them on one database are two instances
/// sharing the request budget). <paramref name="settings"/> override the fake's.
/// </summary>
public sealed class GhlTestHost : IDisposable
{
    private readonly IHost host;

    public GhlTestHost(FakeGhlApi fake, string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production, DisableDefaults = true });
        var all = fake.Settings();
        // Generous on a loaded machine; the tests of timeouts set their own short one.
        all["Ghl:Timeout"] = "00:00:10";
        all["ConnectionStrings:Serp"] = connectionString;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        builder.Configuration.AddInMemoryCollection(all);
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs);
        builder.AddSerpDatabase();
        builder.AddGhl();
        host = builder.Build();
    }

    public CapturingLoggerProvider Logs { get; } = new();

    public IGhlApi Api => host.Services.GetRequiredService<IGhlApi>();

    public IGhlLocationMap Map => host.Services.GetRequiredService<IGhlLocationMap>();

    public IServiceProvider Services => host.Services;

    public void Dispose()
    {
        host.Dispose();
        Logs.Dispose();
    }
}

/// <summary>One fake GHL server and one database (the request budget lives there) for a test class.</summary>
public sealed class FakeGhlFixture : IAsyncLifetime
{
    public FakeGhlApi Ghl { get; private set; } = null!;

    public PostgresFixture Database { get; } = new();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Ghl = await FakeGhlApi.StartAsync();
    }

    /// <summary>The seeded fake and an unused budget: a test starts with no request behind it.</summary>
    public async Task ResetAsync()
    {
        Ghl.Reset();
        await using var db = Database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM ghl_rate_slots; DELETE FROM ghl_rate_days; UPDATE ghl_rate_pause SET paused_until = '-infinity'");
    }

    public GhlTestHost Host(IReadOnlyDictionary<string, string?>? settings = null) => new(Ghl, Database.ConnectionString, settings);

    public async Task DisposeAsync()
    {
        if (Ghl is not null) await Ghl.DisposeAsync();
        await Database.DisposeAsync();
    }
}
