using Microsoft.EntityFrameworkCore;
using Serp.Admin.Integrations.PayPal.FollowUps;
using Serp.Admin.Tests.TestData.PayPal;
using Serp.Domain.Orders;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Tests.Integration.PayPal;

/// <summary>Stored PayPal events through the real processor, translator, ledger and follow-ups, against the fake PayPal.</summary>
public sealed class PayPalProcessingTests(PayPalAppFixture app) : IClassFixture<PayPalAppFixture>
{
    [Fact]
    public async Task Approval_and_capture_make_a_paid_PayPal_order_in_the_paypal_columns_with_payer_and_attribution()
    {
        var paid = await app.PaidOrderAsync("97.00", "USD");

        await using var db = app.Database.CreateDbContext();
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == paid.Id);
        Assert.Equal((PaymentStatus.Paid, PaymentSource.PayPal, "paypal", 9700L, "usd"),
            (order.PaymentStatus, order.Source, order.PaymentMethod, order.AmountTotal, order.Currency));
        Assert.Equal((paid.OrderId, paid.CaptureId, (string?)null, (string?)null, (string?)null),
            (order.PaypalOrderId, order.PaypalCaptureId, order.StripePaymentIntentId, order.StripeChargeId, order.StripeSessionId));
        Assert.Equal((paid.Email, "Ada Lovelace", "offer-serp-downloader", "aff_007"),
            (order.CustomerEmail, order.CustomerName, order.OfferId, order.AffiliateId));
    }

    [Fact]
    public async Task A_capture_that_comes_first_gets_its_payer_from_a_look_up_outside_the_transaction()
    {
        var email = $"grace.{Guid.NewGuid():N}@example.com";
        var orderId = app.PayPal.CreateOrder("25.00", "USD", email, "Grace", "Hopper");
        var captureId = app.PayPal.CaptureOrder(orderId);
        await app.StoreAsync(PayPalEvents.Wrap("PAYMENT.CAPTURE.COMPLETED", app.PayPal.CaptureResource(captureId)!, DateTimeOffset.UtcNow));
        await app.ProcessAllAsync();
        Assert.Null(await EmailAsync(orderId));

        Assert.True(await app.FollowUps.RunOnceAsync(CancellationToken.None) >= 1);
        await app.ProcessAllAsync();
        await app.FollowUps.RunOnceAsync(CancellationToken.None);

        Assert.Equal(email, await EmailAsync(orderId));
        Assert.Single(app.PayPal.RequestsTo("GET", $"/v2/checkout/orders/{orderId}"));
    }

    [Fact]
    public async Task With_AutoCapture_an_approved_order_is_captured_once_with_a_request_id_from_the_order()
    {
        var orderId = app.PayPal.CreateOrder("30.00", "EUR", $"ada.{Guid.NewGuid():N}@example.com");
        await app.StoreAsync(PayPalEvents.Wrap("CHECKOUT.ORDER.APPROVED", app.PayPal.Order(orderId)!, DateTimeOffset.UtcNow));
        await app.ProcessAllAsync();
        Assert.Equal(PaymentStatus.Pending, await StatusAsync(orderId));

        await app.FollowUps.RunOnceAsync(CancellationToken.None);
        await app.FollowUps.RunOnceAsync(CancellationToken.None);
        await app.ProcessAllAsync();

        var capture = Assert.Single(app.PayPal.RequestsTo("POST", $"/v2/checkout/orders/{orderId}/capture"));
        Assert.Equal(PayPalFollowUps.CaptureRequestId(orderId), capture.Headers["PayPal-Request-Id"]);
        Assert.Equal(PaymentStatus.Paid, await StatusAsync(orderId));
    }

    [Fact]
    public async Task An_amount_with_more_decimals_than_its_currency_fails_the_event_in_words_and_makes_no_order()
    {
        var events = new PayPalEvents(PayPalPurchaseIds.New(), DateTimeOffset.UtcNow);
        await app.StoreAsync(events.CaptureCompleted("7400.5", "JPY"));

        await app.ProcessAllAsync();

        await using var db = app.Database.CreateDbContext();
        var stored = await db.WebhookEvents.AsNoTracking().SingleAsync(e => e.Provider == PaymentSource.PayPal && e.EventType == "PAYMENT.CAPTURE.COMPLETED"
            && e.Payload.RootElement.GetProperty("resource").GetProperty("id").GetString() == events.Ids.Capture);
        Assert.Equal(WebhookEventStatus.Failed, stored.Status);
        Assert.Contains("The capture amount: The amount \"7400.5\" has decimals, but JPY has none.", stored.LastError, StringComparison.Ordinal);
        Assert.False(await db.Orders.AnyAsync(o => o.PaypalOrderId == events.Ids.Order));
    }

    private async Task<string?> EmailAsync(string orderId)
    {
        await using var db = app.Database.CreateDbContext();
        return await db.Orders.Where(o => o.PaypalOrderId == orderId).Select(o => o.CustomerEmail).SingleAsync();
    }

    private async Task<string> StatusAsync(string orderId)
    {
        await using var db = app.Database.CreateDbContext();
        return await db.Orders.Where(o => o.PaypalOrderId == orderId).Select(o => o.PaymentStatus).SingleAsync();
    }
}
