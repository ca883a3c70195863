using Microsoft.Playwright;
using Serp.Admin.Tests.Fakes.Ghl;
using Serp.Admin.Tests.Integration;
using Serp.Admin.Tests.TestData;

namespace Serp.Admin.Tests.Browser;

/// <summary>
/// The app with its GHL sync pointed at a <see cref="FakeGhlApi"/> (the worker runs and really syncs), over a database
/// without demo orders, and Chromium. For the /ghl browser tests.
/// </summary>
public sealed class GhlBrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public PostgresFixture Database { get; } = new();
    public FakeGhlApi Ghl { get; private set; } = null!;
    public AdminAppFactory App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    private string baseUrl = "";

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Ghl = await FakeGhlApi.StartAsync();
        var settings = Ghl.Settings();
        settings["Stripe:Reconciliation:Enabled"] = "false";
        App = new AdminAppFactory(Database.ConnectionString, settings: settings);
        baseUrl = App.StartOnLoopback();
        playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(playwright);
    }

    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, TimezoneId = "Europe/Berlin", ViewportSize = new() { Width = 1280, Height = 900 } });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
        if (Ghl is not null) await Ghl.DisposeAsync();
        await Database.DisposeAsync();
    }
}
