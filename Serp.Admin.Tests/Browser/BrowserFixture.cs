using Microsoft.Playwright;
using Serp.Admin.Tests.Fakes.PayPal;
using Serp.Admin.Tests.Fakes.Stripe;
using Serp.Admin.Tests.Integration;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Catalog;
using Serp.Domain.Demo;

namespace Serp.Admin.Tests.Browser;

/// <summary>
/// Debian's Chromium (Playwright's own browser download cannot work here) driving the real app on a
/// loopback port, over a database with demo orders. One browser per test class; a new context per test. The app's
/// Stripe API is a <see cref="FakeStripeApi"/> (refunds work; the reconciliation schedule is off), its PayPal API a
/// <see cref="FakePayPalApi"/> (webhooks verify, refunds work).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string MetricsToken = "browser-metrics-token-0123456789";
    private IPlaywright? playwright;

    public PostgresFixture Database { get; } = new();
    public FakeStripeApi Stripe { get; private set; } = null!;
    public FakePayPalApi PayPal { get; private set; } = null!;
    public AdminAppFactory App { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    public static string ArtifactsDirectory { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("SERP_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "artifacts"),
        "screenshots");

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Stripe = await FakeStripeApi.StartAsync();
        PayPal = await FakePayPalApi.StartAsync();
        var settings = PayPal.Settings();
        settings["Stripe:SecretKey"] = FakeStripeApi.ApiKey;
        settings["Stripe:ApiBase"] = Stripe.BaseUrl;
        settings["Stripe:Reconciliation:Enabled"] = "false";
        settings["Monitoring:MetricsToken"] = MetricsToken;
        App = new AdminAppFactory(Database.ConnectionString, settings: settings);
        BaseUrl = App.StartOnLoopback();
        // Demo orders for the app's own catalog (appsettings.json), as ./scripts/run.sh loads them.
        new DemoDataGenerator(App.Services.GetRequiredService<OfferCatalog>(), 7, TimeProvider.System).Write(Database.DataSource, 500);
        playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(playwright);
    }

    /// <summary>Debian's Chromium, headless, with the flags that keep it quiet here; creates the screenshot folder.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        Directory.CreateDirectory(ArtifactsDirectory);
        // Expect waits (5 s by default) for a page drawn on a busy machine: a heading after a click missed 5 s in a
        // full run under load. A passing wait returns as soon as it holds, so this costs passing tests nothing.
        Assertions.SetDefaultExpectTimeout(15_000);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public Task<IBrowserContext> NewContextAsync(int width = 1400) =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, TimezoneId = "Europe/Berlin", ViewportSize = new() { Width = width, Height = 900 } });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
        if (Stripe is not null) await Stripe.DisposeAsync();
        if (PayPal is not null) await PayPal.DisposeAsync();
        await Database.DisposeAsync();
    }
}
