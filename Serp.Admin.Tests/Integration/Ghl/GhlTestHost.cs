using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serp.Admin.Integrations.Ghl;
using Serp.Admin.Tests.Fakes;
using Serp.Admin.Tests.Fakes.Ghl;

namespace Serp.Admin.Tests.Integration.Ghl;

/// <summary>
/// The app's GHL registration (<c>AddGhl</c>) alone, pointed at a <see cref="FakeGhlApi"/>: a cheap stand-in for one
/// app instance when a test needs the client but not the web app. <paramref name="settings"/> override the fake's.
/// </summary>
public sealed class GhlTestHost : IDisposable
{
    private readonly IHost host;

    public GhlTestHost(FakeGhlApi fake, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production, DisableDefaults = true });
        var all = fake.Settings();
        all["Ghl:Timeout"] = "00:00:02";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        builder.Configuration.AddInMemoryCollection(all);
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs);
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

/// <summary>One fake GHL server for a test class; every test starts from the seed.</summary>
public sealed class FakeGhlFixture : IAsyncLifetime
{
    public FakeGhlApi Ghl { get; private set; } = null!;

    public async Task InitializeAsync() => Ghl = await FakeGhlApi.StartAsync();

    public async Task DisposeAsync()
    {
        if (Ghl is not null) await Ghl.DisposeAsync();
    }
}
