using Microsoft.Playwright;
using Serp.Admin.Tests.TestData;
using Serp.Domain.GhlSync;
using static Microsoft.Playwright.Assertions;

namespace Serp.Admin.Tests.Browser;

public sealed class GhlSyncBrowserTests(GhlBrowserFixture fixture) : IClassFixture<GhlBrowserFixture>
{
    [Fact]
    public async Task Support_resyncs_a_failed_customer_and_watches_the_row_turn_green()
    {
        var email = $"ghl.failed.{Guid.NewGuid():N}@example.com";
        await SupportCase.ArrangeAsync(fixture.Database, email, "usd", DateTimeOffset.UtcNow.AddDays(-1));
        await using (var db = fixture.Database.CreateDbContext())
        {
            // As the worker leaves a customer after its last retry: failed, with GHL's answer.
            db.GhlSync.Add(new GhlSyncState
            {
                Email = email, Status = GhlSyncStatus.Failed, DesiredVersion = 2, SyncedVersion = 1, Attempts = 12,
                LastHttpStatus = 401, LastError = "GHL refused the token (401 Unauthorized).", UpdatedAt = DateTimeOffset.UtcNow.AddMinutes(-3),
            });
            await db.SaveChangesAsync();
        }
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/auth/dev-signin?role=Support&returnUrl=/ghl");
        await Expect(page.Locator("[data-circuit=live]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        var row = page.GetByTestId("ghl-failing").GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Expect(row.GetByTestId("ghl-status")).ToHaveAttributeAsync("data-status", GhlSyncStatus.Failed, new() { Timeout = 15_000 });
        await Expect(row).ToContainTextAsync("GHL refused the token: check Ghl:Token");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "ghl.png"), FullPage = true });

        await row.GetByRole(AriaRole.Button, new() { Name = "Resync" }).ClickAsync();

        await Expect(row.GetByTestId("ghl-status")).ToHaveAttributeAsync("data-status", GhlSyncStatus.Succeeded, new() { Timeout = 30_000 });
        await Expect(row.GetByTestId("ghl-status")).ToContainTextAsync("Synced");
        Assert.Contains("customer", fixture.Ghl.ContactByEmail(email)!.Tags);
    }
}
