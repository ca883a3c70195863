using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Serp.Admin.Integrations.PayPal;
using Serp.Admin.Tests.Fakes.PayPal;
using Serp.Admin.Tests.TestData.PayPal;
using static Microsoft.Playwright.Assertions;

namespace Serp.Admin.Tests.Browser;

/// <summary>A PayPal purchase delivered through /webhooks/paypal (verified by the fake PayPal), seen in Chromium.</summary>
public sealed class PayPalOrderBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Affiliate = "aff_paypal_browser";

    [Fact]
    public async Task A_PayPal_order_appears_in_the_grid_and_its_timeline_shows_the_capture_and_the_refund()
    {
        var orderId = await DeliverPurchaseWithRefundAsync();
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/auth/dev-signin?role=Support&returnUrl={Uri.EscapeDataString($"/orders?source=paypal&affiliate={Affiliate}")}");
        await Expect(page.Locator("[data-circuit=live]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        var rows = page.Locator("tbody tr.mud-table-row");
        await Expect(rows).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(rows.First).ToContainTextAsync("PayPal");
        await Expect(rows.First).ToContainTextAsync("Partially refunded");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "paypal-orders.png"), FullPage = true });

        await rows.First.ClickAsync();

        var steps = page.GetByTestId("timeline-step");
        await Expect(steps.Locator("h3", new() { HasText = "Payment succeeded" })).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(steps.Filter(new() { HasText = "Refund" })).Not.ToHaveCountAsync(0);
        await Expect(page.GetByText(orderId).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "paypal-order.png"), FullPage = true });
    }

    /// <summary>Approval, capture and a partial refund as PayPal would deliver them; returns the PayPal order id once processed.</summary>
    private async Task<string> DeliverPurchaseWithRefundAsync()
    {
        var paypal = fixture.PayPal;
        var orderId = paypal.CreateOrder("64.00", "USD", $"paypal.buyer.{Guid.NewGuid():N}@example.com",
            customId: $"offer_id=offer-serp-downloader&affiliate_id={Affiliate}");
        var approved = PayPalEvents.Wrap("CHECKOUT.ORDER.APPROVED", paypal.Order(orderId)!, DateTimeOffset.UtcNow.AddMinutes(-3));
        var captureId = paypal.CaptureOrder(orderId);
        var captured = PayPalEvents.Wrap("PAYMENT.CAPTURE.COMPLETED", paypal.CaptureResource(captureId)!, DateTimeOffset.UtcNow.AddMinutes(-2));
        var refund = await fixture.App.Services.GetRequiredService<IPayPalApi>().RefundCaptureAsync(
            new PayPalRefundRequest(Guid.NewGuid(), captureId, "14.00", "USD", null), CancellationToken.None);
        var refunded = PayPalEvents.Wrap("PAYMENT.CAPTURE.REFUNDED", paypal.Refund(refund.Id)!, DateTimeOffset.UtcNow.AddMinutes(-1));

        using var client = fixture.App.CreateClient();
        foreach (var body in new[] { approved, captured, refunded })
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/paypal") { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            foreach (var (name, value) in FakePayPalApi.DeliveryHeaders(paypal.Sign(bytes))) request.Headers.Add(name, value);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        // The background processor applies them; wait as the other browser waits do.
        var until = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await using var db = fixture.Database.CreateDbContext();
            if (await db.Orders.AnyAsync(o => o.PaypalOrderId == orderId && o.AmountRefunded == 1400)) return orderId;
            if (DateTime.UtcNow > until) throw new TimeoutException("The PayPal events were not processed within 15 s.");
            await Task.Delay(200);
        }
    }
}
