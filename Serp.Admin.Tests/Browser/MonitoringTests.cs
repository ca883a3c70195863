using System.Text.Json;
using Microsoft.Playwright;
using Serp.Admin.Features.Monitoring.Alerts;
using Serp.Domain.Monitoring;
using Serp.Domain.Webhooks;
using static Microsoft.Playwright.Assertions;

namespace Serp.Admin.Tests.Browser;

public sealed class MonitoringTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<string> FailedEventAsync(string lastError = "StripePayloadException: The Stripe object has no dispute id.")
    {
        var eventId = "evt_failed_" + Guid.NewGuid().ToString("N")[..10];
        await using var db = fixture.Database.CreateDbContext();
        db.WebhookEvents.Add(new WebhookEvent
        {
            Provider = "stripe", EventId = eventId, EventType = "charge.dispute.created", ApiVersion = "2024-06-20",
            Payload = JsonDocument.Parse("""{"id":"EVENT","object":"event","data":{"object":{"object":"dispute"}}}""".Replace("EVENT", eventId, StringComparison.Ordinal)),
            Status = WebhookEventStatus.Failed, Attempts = 8,
            LastError = lastError, ReceivedAt = DateTimeOffset.UtcNow.AddHours(-1),
        });
        await db.SaveChangesAsync();
        return eventId;
    }

    [Fact]
    public async Task An_admin_reads_a_failed_event_in_the_inbox_log_and_replays_it_after_confirming()
    {
        var eventId = await FailedEventAsync();
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/auth/dev-signin?role=Admin&returnUrl=/monitoring?status=failed");

        await Expect(page.Locator("[data-circuit=live]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("api-version-warning")).ToContainTextAsync("2024-06-20");
        var row = page.GetByTestId("inbox-row").Filter(new() { HasText = eventId });
        await Expect(row).ToContainTextAsync("no dispute id", new() { Timeout = 15_000 });
        await row.GetByRole(AriaRole.Button, new() { Name = "Payload" }).ClickAsync();
        await Expect(page.GetByTestId("payload")).ToContainTextAsync($"\"id\": \"{eventId}\"");
        await row.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();

        await Expect(page.GetByText($"{eventId} queued for processing.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "monitoring.png"), FullPage = true });
        await using var after = fixture.Database.CreateDbContext();
        var stored = after.WebhookEvents.Single(e => e.EventId == eventId);
        Assert.NotEqual(WebhookEventStatus.Failed, stored.Status);
    }

    [Fact]
    public async Task An_open_alert_shows_in_the_app_bar_and_acknowledging_it_on_monitoring_clears_the_badge()
    {
        await FailedEventAsync();
        // The real evaluation round the background service runs every minute, run now.
        await fixture.App.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync(CancellationToken.None);
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/auth/dev-signin?role=Admin&returnUrl=/orders");

        await Expect(page.Locator("[data-circuit=live]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("alert-badge")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("open alerts") }).ClickAsync();
        var alert = page.GetByTestId("alert-row").Filter(new() { HasText = "Webhook events stuck" });
        await Expect(alert).ToContainTextAsync("failed after every retry", new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "monitoring-alert.png"), FullPage = true });
        await alert.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

        await Expect(page.GetByText("Alert acknowledged.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(alert).ToContainTextAsync("acknowledged by");
        await Expect(page.GetByTestId("alert-badge")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await using var db = fixture.Database.CreateDbContext();
        var stored = db.Alerts.Single(a => a.Rule == AlertRules.EventsStuck && a.Subject == "failed" && a.ResolvedAt == null);
        Assert.NotNull(stored.AcknowledgedBy);
    }

    [Fact]
    public async Task At_1280_pixels_a_long_last_error_keeps_a_readable_column_and_shows_in_full_on_hover_and_in_details()
    {
        var error = "NpgsqlException: " + string.Join(" ", Enumerable.Repeat("the database closed the connection while the event was applied;", 12));
        var eventId = await FailedEventAsync(error);
        await using var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/auth/dev-signin?role=Admin&returnUrl=/monitoring?status=failed");

        await Expect(page.Locator("[data-circuit=live]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        var row = page.Locator($"[data-testid=inbox-row][data-event-id={eventId}]");
        var cell = row.GetByTestId("last-error");
        await Expect(cell).ToHaveAttributeAsync("title", error, new() { Timeout = 15_000 });
        await row.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "monitoring-inbox-1280.png"), FullPage = true });
        var box = await cell.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width >= 250, $"the last error is {box.Width} px wide"); // 18rem less the cell's padding
        // Three lines shown, the rest clipped (not pushed into a column one word wide).
        Assert.True(box.Height < 80, $"the last error is {box.Height} px high");
        Assert.True(await cell.EvaluateAsync<bool>("e => e.scrollHeight > e.clientHeight"));
        // Neither the page nor the table scrolls sideways at this width: the Replay button is in view.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        var overflow = await page.GetByTestId("inbox-table").EvaluateAsync<int>(
            "e => Math.max(...[e, ...e.querySelectorAll('.mud-table-container')].map(x => x.scrollWidth - x.clientWidth))");
        Assert.True(overflow <= 1, $"the inbox table scrolls {overflow} px sideways");

        await row.GetByRole(AriaRole.Button, new() { Name = "Payload" }).ClickAsync();
        await Expect(page.GetByTestId("last-error-full")).ToContainTextAsync(error);
    }

    [Fact]
    public async Task Open_circuits_are_counted_on_the_metrics_endpoint_while_a_page_is_open()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/auth/dev-signin?role=Admin&returnUrl=/monitoring");
        await Expect(page.Locator("[data-circuit=live]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

        using var client = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new("Bearer", BrowserFixture.MetricsToken);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(TestData.PrometheusText.Sum(text, "serp_circuits_open") >= 1, text);
    }
}
