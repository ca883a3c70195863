using Microsoft.EntityFrameworkCore;
using Serp.Admin.Reconciliation;
using Serp.Admin.Tests.TestData.PayPal;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.Integration.PayPal;

/// <summary>PayPal's reconciliation listing through the provider-neutral runner against the fake PayPal's webhook-events listing.</summary>
public sealed class PayPalReconciliationTests(PayPalAppFixture app) : IClassFixture<PayPalAppFixture>
{
    [Fact]
    public async Task A_capture_whose_webhook_never_arrived_is_recovered_from_PayPals_event_listing()
    {
        var email = $"missed.{Guid.NewGuid():N}@example.com";
        var orderId = app.PayPal.CreateOrder("19.90", "USD", email);
        var approved = PayPalEvents.Wrap("CHECKOUT.ORDER.APPROVED", app.PayPal.Order(orderId)!, DateTimeOffset.UtcNow.AddMinutes(-3));
        var captured = PayPalEvents.Wrap("PAYMENT.CAPTURE.COMPLETED", app.PayPal.CaptureResource(app.PayPal.CaptureOrder(orderId))!, DateTimeOffset.UtcNow.AddMinutes(-2));
        await app.StoreAsync(approved);
        await app.ProcessAllAsync();
        // PayPal holds both events; only the approval reached us.
        app.PayPal.AddEvent(approved);
        app.PayPal.AddEvent(captured);

        var result = await app.Factory.Services.GetRequiredService<ReconciliationRunner>().RunAsync(PaymentSource.PayPal, "admin@example.com", CancellationToken.None);
        await app.ProcessAllAsync();

        Assert.True(result.Outcome == ReconciliationOutcome.Completed, result.Message);
        await using var db = app.Database.CreateDbContext();
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.PaypalOrderId == orderId);
        Assert.Equal((PaymentStatus.Paid, 1990L, email), (order.PaymentStatus, order.AmountTotal, order.CustomerEmail));
        Assert.Equal(2, await db.WebhookEvents.CountAsync(e => e.Provider == PaymentSource.PayPal && e.Refs.Contains(orderId)));
    }
}
