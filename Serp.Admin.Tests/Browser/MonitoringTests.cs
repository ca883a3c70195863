using System.Text.Json;
using Microsoft.Playwright;
using Serp.Domain.Webhooks;
using static Microsoft.Playwright.Assertions;

namespace Serp.Admin.Tests.Browser;

public sealed class MonitoringTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_replays_a_failed_event_after_confirming()
    {
        var eventId = "evt_failed_" + Guid.NewGuid().ToString("N")[..10];
        await using (var db = fixture.Database.CreateDbContext())
        {
            db.WebhookEvents.Add(new WebhookEvent
            {
                Provider = "stripe", EventId = eventId, EventType = "charge.dispute.created", ApiVersion = "2024-06-20",
                Payload = JsonDocument.Parse("{}"), Status = WebhookEventStatus.Failed, Attempts = 8,
                LastError = "StripePayloadException: The Stripe object has no dispute id.", ReceivedAt = DateTimeOffset.UtcNow.AddHours(-1),
            });
            await db.SaveChangesAsync();
        }
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/auth/dev-signin?role=Admin&returnUrl=/monitoring");

        await Expect(page.Locator("[data-circuit=live]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("api-version-warning")).ToContainTextAsync("2024-06-20");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = eventId });
        await Expect(row).ToContainTextAsync("no dispute id");
        await row.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();

        await Expect(page.GetByText($"{eventId} queued for processing.")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "monitoring.png"), FullPage = true });
        await using var after = fixture.Database.CreateDbContext();
        var stored = after.WebhookEvents.Single(e => e.EventId == eventId);
        Assert.Equal(WebhookEventStatus.Received, stored.Status);
    }
}
