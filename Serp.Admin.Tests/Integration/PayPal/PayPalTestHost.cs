using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Integrations.PayPal;
using Serp.Admin.Tests.Fakes;
using Serp.Admin.Tests.Fakes.PayPal;
using Serp.Admin.Webhooks;

namespace Serp.Admin.Tests.Integration.PayPal;

/// <summary>The app's PayPal registrations (<c>AddPayPal</c>) alone, pointed at a <see cref="FakePayPalApi"/>, on a clock the test drives.</summary>
public sealed class PayPalTestHost : IDisposable
{
    private readonly IHost host;

    public PayPalTestHost(FakePayPalApi fake, FakeTimeProvider clock, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production, DisableDefaults = true });
        var all = fake.Settings();
        // A loaded CI machine can take seconds to answer a first request; tests of timeouts set their own.
        all["PayPal:Timeout"] = "00:00:10";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        builder.Configuration.AddInMemoryCollection(all);
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddPayPal();
        host = builder.Build();
    }

    public CapturingLoggerProvider Logs { get; } = new();

    public IPayPalApi Api => host.Services.GetRequiredService<IPayPalApi>();

    public IWebhookVerifier Verifier => host.Services.GetServices<IWebhookVerifier>().Single(v => v.Provider == "paypal");

    public void Dispose()
    {
        host.Dispose();
        Logs.Dispose();
    }
}

/// <summary>One fake PayPal server for a test class (no database: the client keeps nothing there).</summary>
public sealed class FakePayPalFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    public FakePayPalApi PayPal { get; private set; } = null!;

    public async Task InitializeAsync() => PayPal = await FakePayPalApi.StartAsync(Clock);

    public async Task DisposeAsync() => await PayPal.DisposeAsync();
}
