using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Serp.Admin.Features.Refunds;
using Serp.Admin.Integrations.PayPal;
using Serp.Admin.Tests.TestData.PayPal;
using Serp.Domain.Orders;
using Serp.Domain.Refunds;

namespace Serp.Admin.Tests.Integration.PayPal;

/// <summary>Refunds of PayPal orders from the desk: the real service and PayPal client against the fake PayPal, the real ledger.</summary>
public sealed class PayPalRefundsTests(PayPalAppFixture app) : IClassFixture<PayPalAppFixture>
{
    [Fact]
    public async Task A_refund_from_the_desk_asks_PayPal_once_with_the_request_id_and_a_decimal_amount_and_shows_on_the_order()
    {
        var paid = await app.PaidOrderAsync("97.00", "USD");
        var request = paid.Request(2050);

        var result = await app.Refunds.RefundAsync(PayPalAppFixture.Support, request, CancellationToken.None);
        var again = await app.Refunds.RefundAsync(PayPalAppFixture.Support, request, CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.True(again.Succeeded, again.Message);
        var post = Assert.Single(app.PayPal.RequestsTo("POST", $"/v2/payments/captures/{paid.CaptureId}/refund"));
        Assert.Equal(request.RequestId.ToString("D"), post.Headers["PayPal-Request-Id"]);
        var amount = JsonNode.Parse(post.Body)!["amount"]!;
        Assert.Equal(("20.50", "USD"), ((string?)amount["value"], (string?)amount["currency_code"]));
        await using var db = app.Database.CreateDbContext();
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == paid.Id);
        Assert.Equal((PaymentStatus.PartiallyRefunded, 2050L), (order.PaymentStatus, order.AmountRefunded));
        var row = await db.Refunds.AsNoTracking().SingleAsync(r => r.OrderId == paid.Id);
        Assert.Equal((PaymentSource.PayPal, result.ProviderRefundId, paid.CaptureId, "support.desk@example.com", RefundStatus.Succeeded),
            (row.Source, row.ProviderRefundId, row.ChargeId, row.RequestedBy, row.Status));
    }

    [Fact]
    public async Task The_later_PAYMENT_CAPTURE_REFUNDED_updates_the_same_row_and_keeps_who_asked()
    {
        var paid = await app.PaidOrderAsync("49.00", "EUR");
        var result = await app.Refunds.RefundAsync(PayPalAppFixture.Support, paid.Request(4900, RefundReasons.Goodwill), CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);

        await app.StoreAsync(PayPalEvents.Wrap("PAYMENT.CAPTURE.REFUNDED", app.PayPal.Refund(result.ProviderRefundId!)!, DateTimeOffset.UtcNow.AddSeconds(5)));
        await app.ProcessAllAsync();

        await using var db = app.Database.CreateDbContext();
        var row = await db.Refunds.AsNoTracking().SingleAsync(r => r.OrderId == paid.Id);
        Assert.Equal((result.ProviderRefundId, "support.desk@example.com", RefundReasons.Goodwill, 4900L, "eur"),
            (row.ProviderRefundId, row.RequestedBy, row.Reason, row.Amount, row.Currency));
        Assert.Equal(PaymentStatus.Refunded, await db.Orders.Where(o => o.Id == paid.Id).Select(o => o.PaymentStatus).SingleAsync());
    }

    [Fact]
    public async Task A_refusal_by_PayPal_is_shown_in_words_and_records_no_refund()
    {
        var paid = await app.PaidOrderAsync("7400", "JPY");
        // Refunded in PayPal's own dashboard meanwhile: the desk does not know yet.
        await app.Factory.Services.GetRequiredService<IPayPalApi>().RefundCaptureAsync(
            new PayPalRefundRequest(Guid.NewGuid(), paid.CaptureId, "7400", "JPY", null), CancellationToken.None);

        var result = await app.Refunds.RefundAsync(PayPalAppFixture.Support, paid.Request(1000), CancellationToken.None);

        Assert.Equal((RefundOutcome.Failed, "CAPTURE_FULLY_REFUNDED", "This capture was already fully refunded in PayPal."),
            (result.Outcome, result.Code, result.Message));
        await using var db = app.Database.CreateDbContext();
        Assert.False(await db.Refunds.AnyAsync(r => r.OrderId == paid.Id));
    }
}
