using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Serp.Admin.Tests.Browser;

public sealed class ShellTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_developer_signs_in_and_sees_demo_orders()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var cspViolations = WatchCspViolations(page);

        await page.GotoAsync("/orders");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/auth/signin\\?returnUrl=%2Forders$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in as Admin" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/orders$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Orders", Exact = true })).ToBeVisibleAsync();
        // Rows arrive only once the circuit is live: the grid loads them through the server.
        await Expect(page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(25, new() { Timeout = 15_000 });
        // The first rows are prerendered: clicks count only once the circuit is live.
        await Expect(page.Locator("[data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("tbody tr.mud-table-row").First).ToContainTextAsync("@example.");
        await Expect(page.GetByTestId("user-menu")).ToContainTextAsync("Local developer (Admin)");
        await page.ScreenshotAsync(new() { Path = Screenshot("orders.png"), FullPage = true });

        Assert.Empty(cspViolations);
    }

    [Fact]
    public async Task Dark_mode_toggles_and_is_remembered_for_the_user()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/auth/dev-signin?role=Support&returnUrl=/orders");
        await Expect(page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(25, new() { Timeout = 15_000 });
        // The first rows are prerendered: clicks count only once the circuit is live.
        await Expect(page.Locator("[data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" });
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        var light = await BackgroundAsync(page);

        await toggle.ClickAsync();

        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        var dark = await BackgroundAsync(page);
        Assert.NotEqual(light, dark);
        await page.ScreenshotAsync(new() { Path = Screenshot("orders-dark.png") });

        await page.ReloadAsync();
        await Expect(page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(25, new() { Timeout = 15_000 });
        // The first rows are prerendered: clicks count only once the circuit is live.
        await Expect(page.Locator("[data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" })).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal(dark, await BackgroundAsync(page));

        // Leave the preference as it was for the other tests' Support user.
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" })).ToHaveAttributeAsync("aria-pressed", "false");
    }

    [Fact]
    public async Task Sign_out_from_the_user_menu_ends_the_session()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/auth/dev-signin?role=Viewer&returnUrl=/orders");
        await Expect(page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(25, new() { Timeout = 15_000 });
        // The first rows are prerendered: clicks count only once the circuit is live.
        await Expect(page.Locator("[data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await page.GetByRole(AriaRole.Button, new() { Name = "Local developer (Viewer)" }).ClickAsync();
        await Expect(page.GetByTestId("user-role")).ToHaveTextAsync("Role: Viewer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page.GetByTestId("signed-out")).ToBeVisibleAsync();
        await page.GotoAsync("/orders");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/auth/signin"));
    }

    [Fact]
    public async Task Navigation_reaches_every_section()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/auth/dev-signin?role=Admin&returnUrl=/orders");
        await Expect(page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(25, new() { Timeout = 15_000 });
        // The first rows are prerendered: clicks count only once the circuit is live.
        await Expect(page.Locator("[data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await page.GetByRole(AriaRole.Link, new() { Name = "Analytics" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/analytics$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Analytics", Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "GHL sync" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ghl$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Failing customers" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Refunds & disputes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Open disputes" })).ToBeVisibleAsync();
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static List<string> WatchCspViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };
        return violations;
    }

    private static string Screenshot(string name) => Path.Combine(BrowserFixture.ArtifactsDirectory, name);
}
