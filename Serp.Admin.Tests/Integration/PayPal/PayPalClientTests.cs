using System.Text;
using System.Text.Json;
using Serp.Admin.Integrations.PayPal;
using Serp.Admin.Tests.Fakes.PayPal;

namespace Serp.Admin.Tests.Integration.PayPal;

/// <summary>The production PayPal client against the fake PayPal server: tokens, verification byte for byte, idempotent capture and refund, listing, errors.</summary>
public sealed class PayPalClientTests(FakePayPalFixture fixture) : IClassFixture<FakePayPalFixture>, IDisposable
{
    private readonly PayPalTestHost host = Reset(fixture);

    private FakePayPalApi PayPal => fixture.PayPal;

    private static PayPalTestHost Reset(FakePayPalFixture fixture)
    {
        fixture.PayPal.Reset();
        fixture.PayPal.HangFor = TimeSpan.FromSeconds(60);
        return new PayPalTestHost(fixture.PayPal, fixture.Clock);
    }

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Token_is_fetched_once_and_reused_until_shortly_before_it_expires()
    {
        var order = PayPal.CreateOrder("10.00", "USD");

        await host.Api.GetOrderAsync(order, default);
        await host.Api.GetOrderAsync(order, default);
        Assert.Equal(1, PayPal.TokensIssued);

        fixture.Clock.Advance(PayPal.TokenLifetime - TimeSpan.FromSeconds(30));
        await host.Api.GetOrderAsync(order, default);
        Assert.Equal(2, PayPal.TokensIssued);
        Assert.All(PayPal.RequestsTo("GET", $"/v2/checkout/orders/{order}"), r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public async Task A_token_PayPal_refuses_is_replaced_once_and_the_call_succeeds()
    {
        var order = PayPal.CreateOrder("10.00", "USD");
        await host.Api.GetOrderAsync(order, default);
        PayPal.ExpireTokens();

        var found = await host.Api.GetOrderAsync(order, default);

        Assert.Equal(order, found.Id);
        Assert.Equal(2, PayPal.TokensIssued);
        Assert.Equal([200, 401, 200], PayPal.RequestsTo("GET", $"/v2/checkout/orders/{order}").Select(r => r.Status));
    }

    [Fact]
    public async Task Wrong_credentials_fail_in_plain_words_without_the_secret()
    {
        using var wrong = new PayPalTestHost(PayPal, fixture.Clock, new Dictionary<string, string?> { ["PayPal:ClientSecret"] = "not-the-secret" });

        var error = await Assert.ThrowsAsync<PayPalApiException>(() => wrong.Api.GetOrderAsync("ANY", default));

        Assert.False(error.IsTransient);
        Assert.Contains("PayPal:ClientSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong.Logs.Lines, l => l.Text.Contains("not-the-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_genuine_delivery_verifies_even_with_numbers_and_key_order_a_parser_would_change()
    {
        // 1.0 and 2.50 would be re-serialised as 1 and 2.5; the odd spacing, key order and escape would change too.
        var raw = Encoding.UTF8.GetBytes("{\"id\":\"WH-1\", \"event_version\":\"1.0\",\"resource_version\":2.0,\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\n  \"resource\":{\"amount\":{\"value\":2.50,\"currency_code\":\"USD\"},\"note\":\"caf\\u00e9\"},\"create_time\":\"2026-12-02T09:00:00Z\"}");
        var transmission = PayPal.Sign(raw);

        var verdict = await host.Api.VerifyWebhookSignatureAsync(transmission, raw, default);

        Assert.True(verdict.Succeeded);
        var sent = PayPal.RequestsTo("POST", "/v1/notifications/verify-webhook-signature").Single().Body;
        Assert.Contains(Encoding.UTF8.GetString(raw), sent, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(sent);
        Assert.Equal(FakePayPalApi.WebhookId, body.RootElement.GetProperty("webhook_id").GetString());
        Assert.Equal(transmission.TransmissionSig, body.RootElement.GetProperty("transmission_sig").GetString());
    }

    [Fact]
    public async Task A_changed_byte_fails_verification()
    {
        var raw = Encoding.UTF8.GetBytes("{\"id\":\"WH-2\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource\":{\"amount\":{\"value\":\"49.00\"}}}");
        var transmission = PayPal.Sign(raw);
        var tampered = Encoding.UTF8.GetBytes("{\"id\":\"WH-2\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource\":{\"amount\":{\"value\":\"99.00\"}}}");

        Assert.True((await host.Api.VerifyWebhookSignatureAsync(transmission, raw, default)).Succeeded);
        var verdict = await host.Api.VerifyWebhookSignatureAsync(transmission, tampered, default);

        Assert.False(verdict.Succeeded);
        Assert.Equal("FAILURE", verdict.Status);
        Assert.Equal((1, 1), PayPal.Verifications);
    }

    [Fact]
    public async Task PayPal_down_or_silent_is_a_transient_failure_within_the_timeout()
    {
        var raw = "{\"id\":\"WH-3\",\"event_type\":\"X\"}"u8.ToArray();
        using var quick = new PayPalTestHost(PayPal, fixture.Clock, new Dictionary<string, string?> { ["PayPal:Timeout"] = "00:00:02" });
        await quick.Api.GetOrderAsync(PayPal.CreateOrder("1.00", "USD"), default); // token first, so the faults hit the verify call
        PayPal.Fail(FakePayPalFault.Unavailable, 1, "/v1/notifications/verify-webhook-signature");
        PayPal.Fail(FakePayPalFault.Hang, 1, "/v1/notifications/verify-webhook-signature");

        var down = await Assert.ThrowsAsync<PayPalApiException>(() => quick.Api.VerifyWebhookSignatureAsync(PayPal.Sign(raw), raw, default));
        var started = DateTime.UtcNow;
        var silent = await Assert.ThrowsAsync<PayPalApiException>(() => quick.Api.VerifyWebhookSignatureAsync(PayPal.Sign(raw), raw, default));

        Assert.True(down.IsTransient);
        Assert.Equal(503, down.StatusCode);
        Assert.True(silent.IsTransient);
        Assert.Null(silent.StatusCode);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Capture_with_the_same_request_id_captures_once()
    {
        var order = PayPal.CreateOrder("49.00", "USD", customId: "offer_id=tpl");

        var first = await host.Api.CaptureOrderAsync(order, "capture-" + order, default);
        var again = await host.Api.CaptureOrderAsync(order, "capture-" + order, default);

        Assert.Equal("COMPLETED", first.Status);
        Assert.Equal(first.Json, again.Json);
        using var json = JsonDocument.Parse(first.Json);
        var capture = json.RootElement.GetProperty("purchase_units")[0].GetProperty("payments").GetProperty("captures")[0];
        Assert.Equal("49.00", capture.GetProperty("amount").GetProperty("value").GetString());
        Assert.All(PayPal.RequestsTo("POST", $"/v2/checkout/orders/{order}/capture"), r => Assert.Equal("capture-" + order, r.Headers["PayPal-Request-Id"]));
        var other = await Assert.ThrowsAsync<PayPalApiException>(() => host.Api.CaptureOrderAsync(order, "another-request", default));
        Assert.Equal("ORDER_ALREADY_CAPTURED", other.Issue);
    }

    [Fact]
    public async Task Partial_refunds_are_idempotent_per_request_and_over_refunding_is_explained()
    {
        var capture = PayPal.CaptureOrder(PayPal.CreateOrder("7400", "JPY"));
        var request = new PayPalRefundRequest(Guid.NewGuid(), capture, "2000", "jpy", "Sorry");

        var first = await host.Api.RefundCaptureAsync(request, default);
        var again = await host.Api.RefundCaptureAsync(request, default);
        var tooMuch = await Assert.ThrowsAsync<PayPalApiException>(() =>
            host.Api.RefundCaptureAsync(request with { RequestId = Guid.NewGuid(), Amount = "5401" }, default));
        var decimals = await Assert.ThrowsAsync<PayPalApiException>(() =>
            host.Api.RefundCaptureAsync(request with { RequestId = Guid.NewGuid(), Amount = "10.50" }, default));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(("2000", "JPY", "COMPLETED"), (first.Amount, first.CurrencyCode, first.Status));
        Assert.Single(PayPal.Refunds);
        Assert.Equal(request.RequestId.ToString("D"), (string?)PayPal.Refunds[0]["custom_id"]);
        Assert.Equal("REFUND_AMOUNT_EXCEEDED", tooMuch.Issue);
        Assert.False(tooMuch.IsTransient);
        Assert.Contains("REFUND_AMOUNT_EXCEEDED", tooMuch.Message, StringComparison.Ordinal);
        Assert.Equal("DECIMAL_PRECISION", decimals.Issue);
    }

    [Fact]
    public async Task An_unknown_order_is_a_404_in_words()
    {
        var error = await Assert.ThrowsAsync<PayPalApiException>(() => host.Api.GetOrderAsync("NOSUCHORDER00001", default));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("INVALID_RESOURCE_ID", error.Issue);
        Assert.False(error.IsTransient);
        Assert.NotNull(error.DebugId);
    }

    [Fact]
    public async Task Listing_follows_next_links_until_every_event_in_the_window_is_seen()
    {
        var start = fixture.Clock.GetUtcNow();
        for (var i = 0; i < 250; i++)
        {
            PayPal.AddEvent($"{{\"id\":\"WH-L{i:D3}\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"create_time\":\"{start.AddSeconds(i).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\",\"resource\":{{}}}}");
        }
        PayPal.AddEvent($"{{\"id\":\"WH-OUTSIDE\",\"event_type\":\"X\",\"create_time\":\"{start.AddDays(-2).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\",\"resource\":{{}}}}");

        var seen = new List<PayPalListedEvent>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await host.Api.ListWebhookEventsAsync(start, start.AddHours(1), next, default);
            seen.AddRange(page.Events);
            next = page.NextPage;
            pages++;
        }
        while (next is not null);

        Assert.Equal(3, pages);
        Assert.Equal(250, seen.Select(e => e.Id).Distinct().Count());
        Assert.DoesNotContain(seen, e => e.Id == "WH-OUTSIDE");
        Assert.Equal("PAYMENT.CAPTURE.COMPLETED", seen[0].EventType);
        Assert.StartsWith("{\"id\":\"WH-L", seen[0].Json, StringComparison.Ordinal);
    }
}
