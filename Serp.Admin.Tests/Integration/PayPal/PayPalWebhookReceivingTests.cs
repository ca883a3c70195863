using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Serp.Admin.Tests.Fakes.PayPal;
using Serp.Admin.Tests.Integration.Webhooks;
using Serp.Admin.Tests.TestData.PayPal;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.Integration.PayPal;

/// <summary><c>POST /webhooks/paypal</c> through the provider-neutral door, verified by the fake PayPal, into the inbox and the processor.</summary>
public sealed class PayPalWebhookReceivingTests(PayPalAppFixture app) : IClassFixture<PayPalAppFixture>
{
    private const string VerifyPath = "/v1/notifications/verify-webhook-signature";

    [Fact]
    public async Task A_signed_delivery_is_stored_once_and_a_duplicate_changes_nothing()
    {
        var events = new PayPalEvents(PayPalPurchaseIds.New(), DateTimeOffset.UtcNow);
        var body = events.CaptureCompleted();
        using var client = app.Factory.CreateClient();

        using var first = await DeliverAsync(client, body);
        using var second = await DeliverAsync(client, body);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Contains("\"duplicate\":true", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await StoredAsync(events));
    }

    [Fact]
    public async Task A_delivery_PayPal_does_not_verify_is_refused_with_400_and_nothing_is_stored()
    {
        var events = new PayPalEvents(PayPalPurchaseIds.New(), DateTimeOffset.UtcNow);
        using var client = app.Factory.CreateClient();

        using var response = await DeliverAsync(client, events.CaptureCompleted(), signedBody: events.CaptureCompleted("1.00"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"error\":", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(events));
    }

    [Fact]
    public async Task PayPal_down_answers_503_and_the_redelivery_is_stored_and_processed()
    {
        var email = $"ada.{Guid.NewGuid():N}@example.com";
        var orderId = app.PayPal.CreateOrder("12.34", "EUR", email);
        var captured = PayPalEvents.Wrap("PAYMENT.CAPTURE.COMPLETED", app.PayPal.CaptureResource(app.PayPal.CaptureOrder(orderId))!, DateTimeOffset.UtcNow);
        using var client = app.Factory.CreateClient();
        app.PayPal.Fail(FakePayPalFault.Unavailable, 1, VerifyPath);

        using var down = await DeliverAsync(client, captured);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        await using (var db = app.Database.CreateDbContext())
        {
            Assert.False(await db.Orders.AnyAsync(o => o.PaypalOrderId == orderId));
        }

        using var redelivered = await DeliverAsync(client, captured);
        await app.ProcessAllAsync();

        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        await using var check = app.Database.CreateDbContext();
        var order = await check.Orders.AsNoTracking().SingleAsync(o => o.PaypalOrderId == orderId);
        Assert.Equal((PaymentStatus.Paid, 1234L, "eur"), (order.PaymentStatus, order.AmountTotal, order.Currency));
    }

    private async Task<HttpResponseMessage> DeliverAsync(HttpClient client, string body, string? signedBody = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/paypal") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in FakePayPalApi.DeliveryHeaders(app.PayPal.Sign(signedBody is null ? bytes : Encoding.UTF8.GetBytes(signedBody))))
        {
            request.Headers.Add(name, value);
        }
        return await client.SendAsync(request);
    }

    private async Task<int> StoredAsync(PayPalEvents events)
    {
        await using var db = app.Database.CreateDbContext();
        return await db.WebhookEvents.CountAsync(e => e.Provider == PaymentSource.PayPal
            && e.EventId == $"WH-{events.Ids.Suffix}-PAYMENT-CAPTURE-COMPLETED-4");
    }
}

/// <summary>Without PayPal settings the door answers 503 (PayPal retries) and stores nothing.</summary>
public sealed class PayPalNotConfiguredTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    [Fact]
    public async Task Without_PayPal_settings_the_PayPal_door_answers_503_and_stores_nothing()
    {
        using var client = app.Factory.CreateClient();
        using var content = new StringContent("{\"id\":\"WH-NOT-CONFIGURED\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\"}", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/webhooks/paypal", content);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        await using var db = app.Database.CreateDbContext();
        Assert.False(await db.WebhookEvents.AnyAsync(e => e.EventId == "WH-NOT-CONFIGURED"));
    }
}
