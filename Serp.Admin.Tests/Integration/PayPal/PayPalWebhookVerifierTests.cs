using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Serp.Admin.Integrations.PayPal;
using Serp.Admin.Tests.Fakes.PayPal;
using Serp.Admin.Tests.TestData.PayPal;
using Serp.Admin.Webhooks;

namespace Serp.Admin.Tests.Integration.PayPal;

/// <summary>The PayPal webhook verifier through the production client against the fake PayPal's verify-webhook-signature.</summary>
public sealed class PayPalWebhookVerifierTests(FakePayPalFixture fixture) : IClassFixture<FakePayPalFixture>, IDisposable
{
    private const string VerifyPath = "/v1/notifications/verify-webhook-signature";
    private readonly PayPalTestHost host = Reset(fixture);
    private readonly PayPalEvents events = new(PayPalPurchaseIds.New(), fixture.Clock.GetUtcNow());

    private FakePayPalApi PayPal => fixture.PayPal;

    private static PayPalTestHost Reset(FakePayPalFixture fixture)
    {
        fixture.PayPal.Reset();
        return new PayPalTestHost(fixture.PayPal, fixture.Clock);
    }

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task A_delivery_PayPal_signed_is_accepted_with_its_id_type_and_body_as_sent()
    {
        var body = Encoding.UTF8.GetBytes(events.CaptureCompleted());

        var verdict = await host.Verifier.VerifyAsync(body, Signed(body), CancellationToken.None);

        var accepted = Assert.IsType<WebhookVerdict.Accepted>(verdict);
        Assert.Equal(("paypal", $"WH-{events.Ids.Suffix}-PAYMENT-CAPTURE-COMPLETED-4", "PAYMENT.CAPTURE.COMPLETED"),
            (accepted.Event.Provider, accepted.Event.EventId, accepted.Event.EventType));
        Assert.Equal(Encoding.UTF8.GetString(body), accepted.Event.Payload);
        Assert.Equal((1, 0), PayPal.Verifications);
    }

    [Fact]
    public async Task A_number_written_as_1_0_still_verifies_because_the_bytes_are_sent_as_received()
    {
        var text = events.CaptureCompleted().Replace("\"final_capture\":true", "\"final_capture\":true,\"ratio\":1.0,\"fee\" : 2.50", StringComparison.Ordinal);
        Assert.Contains("1.0", text, StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(text);

        var verdict = await host.Verifier.VerifyAsync(body, Signed(body), CancellationToken.None);

        Assert.IsType<WebhookVerdict.Accepted>(verdict);
    }

    [Fact]
    public async Task A_body_other_than_the_one_PayPal_signed_is_refused_as_verification_failed()
    {
        var signed = Encoding.UTF8.GetBytes(events.CaptureCompleted());
        var tampered = Encoding.UTF8.GetBytes(events.CaptureCompleted("9700.00"));

        var verdict = await host.Verifier.VerifyAsync(tampered, Signed(signed), CancellationToken.None);

        Assert.Equal(PayPalWebhookVerifier.VerificationFailed, Assert.IsType<WebhookVerdict.Refused>(verdict).Reason);
        Assert.Equal((0, 1), PayPal.Verifications);
    }

    [Theory]
    [InlineData("PAYPAL-TRANSMISSION-SIG")]
    [InlineData("PAYPAL-CERT-URL")]
    public async Task A_missing_header_is_refused_without_asking_PayPal(string header)
    {
        var body = Encoding.UTF8.GetBytes(events.CaptureCompleted());
        var headers = Signed(body);
        headers.Remove(header);

        var verdict = await host.Verifier.VerifyAsync(body, headers, CancellationToken.None);

        var refused = Assert.IsType<WebhookVerdict.Refused>(verdict);
        Assert.Equal((PayPalWebhookVerifier.MissingHeader, $"The {header} header is missing."), (refused.Reason, refused.Message));
        Assert.Empty(PayPal.RequestsTo("POST", VerifyPath));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"id\":\"WH-1\"}")]
    public async Task A_body_that_is_not_a_PayPal_event_is_refused_as_malformed(string text)
    {
        var body = Encoding.UTF8.GetBytes(text);

        var verdict = await host.Verifier.VerifyAsync(body, Signed(body), CancellationToken.None);

        Assert.Equal(PayPalWebhookVerifier.Malformed, Assert.IsType<WebhookVerdict.Refused>(verdict).Reason);
        Assert.Empty(PayPal.RequestsTo("POST", VerifyPath));
    }

    [Theory]
    [InlineData(FakePayPalFault.Unavailable)]
    [InlineData(FakePayPalFault.ServerError)]
    [InlineData(FakePayPalFault.Drop)]
    public async Task PayPal_down_makes_the_delivery_unavailable_so_PayPal_retries(FakePayPalFault fault)
    {
        var body = Encoding.UTF8.GetBytes(events.CaptureCompleted());
        PayPal.Fail(fault, 10, VerifyPath);

        var verdict = await host.Verifier.VerifyAsync(body, Signed(body), CancellationToken.None);

        Assert.Equal(PayPalWebhookVerifier.VerificationUnavailable, Assert.IsType<WebhookVerdict.Unavailable>(verdict).Reason);
    }

    private HeaderDictionary Signed(byte[] body) =>
        new(FakePayPalApi.DeliveryHeaders(PayPal.Sign(body)).ToDictionary(h => h.Key, h => new StringValues(h.Value), StringComparer.OrdinalIgnoreCase));
}
