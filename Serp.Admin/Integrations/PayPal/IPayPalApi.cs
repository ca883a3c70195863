namespace Serp.Admin.Integrations.PayPal;

/// <summary>
/// The PayPal REST calls Serp Admin makes, authenticated with a cached OAuth2 client-credentials token (refreshed once
/// on a 401). Every failure is a <see cref="PayPalApiException"/> in plain words.
/// </summary>
public interface IPayPalApi
{
    /// <summary>
    /// <c>POST /v1/notifications/verify-webhook-signature</c> with <c>webhook_event</c> spliced in from
    /// <paramref name="rawEvent"/> byte for byte (re-serialising breaks the signature).
    /// </summary>
    Task<PayPalVerification> VerifyWebhookSignatureAsync(PayPalTransmission transmission, ReadOnlyMemory<byte> rawEvent, CancellationToken ct);

    /// <summary><c>GET /v2/checkout/orders/{id}</c>: the order as PayPal returns it (the same shape as a CHECKOUT.ORDER.* resource).</summary>
    Task<PayPalJson> GetOrderAsync(string orderId, CancellationToken ct);

    /// <summary><c>POST /v2/checkout/orders/{id}/capture</c> with <c>PayPal-Request-Id</c> = <paramref name="requestId"/>: a retry never captures twice.</summary>
    Task<PayPalJson> CaptureOrderAsync(string orderId, string requestId, CancellationToken ct);

    /// <summary><c>POST /v2/payments/captures/{id}/refund</c> with <c>PayPal-Request-Id</c> from the refund request id.</summary>
    Task<PayPalRefundCreated> RefundCaptureAsync(PayPalRefundRequest request, CancellationToken ct);

    /// <summary><c>GET /v1/notifications/webhooks-events</c> between two times, one page (follow <see cref="PayPalEventPage.NextPage"/>).</summary>
    Task<PayPalEventPage> ListWebhookEventsAsync(DateTimeOffset startTime, DateTimeOffset endTime, string? nextPage, CancellationToken ct);
}
