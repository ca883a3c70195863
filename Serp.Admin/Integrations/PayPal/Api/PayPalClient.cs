using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Serp.Admin.Integrations.PayPal.Api;

/// <summary>The PayPal REST calls behind <see cref="IPayPalApi"/> (wire shapes from PayPal's published OpenAPI specifications).</summary>
public sealed class PayPalClient(PayPalHttp http, IOptionsMonitor<PayPalOptions> options) : IPayPalApi
{
    /// <summary>Events per listing page (PayPal's default is 10).</summary>
    public const int EventsPageSize = 100;

    public async Task<PayPalVerification> VerifyWebhookSignatureAsync(PayPalTransmission transmission, ReadOnlyMemory<byte> rawEvent, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var body = VerificationBody(transmission, settings.WebhookId ?? "", rawEvent);
        var text = await http.SendAsync(() => Post(settings, "/v1/notifications/verify-webhook-signature", body), "verify-webhook-signature", ct);
        using var answer = Parse(text, "verify-webhook-signature");
        var status = answer.RootElement.TryGetProperty("verification_status", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new PayPalApiException("PayPal answered verify-webhook-signature without a verification_status.", 200, isTransient: true);
        return new PayPalVerification(status);
    }

    public async Task<PayPalJson> GetOrderAsync(string orderId, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var path = $"/v2/checkout/orders/{Segment(orderId)}";
        var text = await http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, PayPalHttp.Url(settings, path)), "GET order", ct);
        return Resource(text, "GET order");
    }

    public async Task<PayPalJson> CaptureOrderAsync(string orderId, string requestId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        var settings = options.CurrentValue;
        var path = $"/v2/checkout/orders/{Segment(orderId)}/capture";
        var text = await http.SendAsync(() => Idempotent(Post(settings, path, "{}"u8.ToArray()), requestId), "capture order", ct);
        return Resource(text, "capture order");
    }

    public async Task<PayPalRefundCreated> RefundCaptureAsync(PayPalRefundRequest request, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var path = $"/v2/payments/captures/{Segment(request.CaptureId)}/refund";
        // custom_id carries our refund request id back in PAYMENT.CAPTURE.REFUNDED, like Stripe's refund metadata.
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["amount"] = new Dictionary<string, string> { ["value"] = request.Amount, ["currency_code"] = request.CurrencyCode.ToUpperInvariant() },
            ["custom_id"] = request.RequestId.ToString("D"),
            ["note_to_payer"] = string.IsNullOrWhiteSpace(request.NoteToPayer) ? null : request.NoteToPayer,
        }, PayPalHttp.Json);
        var text = await http.SendAsync(() => Idempotent(Post(settings, path, body), request.RequestId.ToString("D")), "refund capture", ct);
        using var document = Parse(text, "refund capture");
        var root = document.RootElement;
        var amount = root.TryGetProperty("amount", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        return new PayPalRefundCreated(
            Str(root, "id") ?? throw new PayPalApiException("PayPal answered the refund without an id.", 201, isTransient: false),
            Str(root, "status") ?? "",
            amount.ValueKind == JsonValueKind.Object ? Str(amount, "value") : null,
            amount.ValueKind == JsonValueKind.Object ? Str(amount, "currency_code") : null,
            text);
    }

    public async Task<PayPalEventPage> ListWebhookEventsAsync(DateTimeOffset startTime, DateTimeOffset endTime, string? nextPage, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var url = nextPage is null
            ? PayPalHttp.Url(settings, "/v1/notifications/webhooks-events?page_size=" + EventsPageSize.ToString(CultureInfo.InvariantCulture)
                                       + "&start_time=" + Uri.EscapeDataString(Rfc3339(startTime)) + "&end_time=" + Uri.EscapeDataString(Rfc3339(endTime)))
            : SameApi(settings, nextPage);
        var text = await http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), "list webhook events", ct);
        using var document = Parse(text, "list webhook events");
        var root = document.RootElement;
        var events = new List<PayPalListedEvent>();
        if (root.TryGetProperty("events", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (Str(item, "id") is not { Length: > 0 } id || Str(item, "event_type") is not { Length: > 0 } type) continue;
                var created = DateTimeOffset.TryParse(Str(item, "create_time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : startTime;
                events.Add(new PayPalListedEvent(id, type, created, item.GetRawText()));
            }
        }
        return new PayPalEventPage(events, NextLink(root));
    }

    /// <summary>
    /// The verification request with <c>webhook_event</c> written as the delivery's bytes, unparsed: PayPal signs those
    /// bytes, and a parse/serialise round trip (<c>1.0</c> → <c>1</c>, key order, escapes) makes a genuine event fail.
    /// </summary>
    internal static byte[] VerificationBody(PayPalTransmission transmission, string webhookId, ReadOnlyMemory<byte> rawEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(rawEvent.Length + 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("auth_algo", transmission.AuthAlgo);
            writer.WriteString("cert_url", transmission.CertUrl);
            writer.WriteString("transmission_id", transmission.TransmissionId);
            writer.WriteString("transmission_sig", transmission.TransmissionSig);
            writer.WriteString("transmission_time", transmission.TransmissionTime);
            writer.WriteString("webhook_id", webhookId);
            writer.WritePropertyName("webhook_event");
            writer.WriteRawValue(rawEvent.Span, skipInputValidation: false);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static HttpRequestMessage Post(PayPalOptions settings, string path, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, PayPalHttp.Url(settings, path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        return request;
    }

    private static HttpRequestMessage Idempotent(HttpRequestMessage request, string requestId)
    {
        request.Headers.Add("PayPal-Request-Id", requestId);
        request.Headers.Add("Prefer", "return=representation");
        return request;
    }

    /// <summary>Only follow a next link on the configured API: the bearer token must never go to another host.</summary>
    private static Uri SameApi(PayPalOptions settings, string link)
    {
        var api = new Uri(settings.ApiBase);
        if (!Uri.TryCreate(api, link, out var url) || url.Scheme != api.Scheme || !string.Equals(url.Authority, api.Authority, StringComparison.OrdinalIgnoreCase))
        {
            throw new PayPalApiException("PayPal's next-page link points outside PayPal:ApiBase; the listing stopped there.", null, isTransient: false);
        }
        return url;
    }

    private static string? NextLink(JsonElement root)
    {
        if (!root.TryGetProperty("links", out var links) || links.ValueKind != JsonValueKind.Array) return null;
        foreach (var link in links.EnumerateArray())
        {
            if (Str(link, "rel") == "next" && Str(link, "href") is { Length: > 0 } href) return href;
        }
        return null;
    }

    private static PayPalJson Resource(string text, string operation)
    {
        using var document = Parse(text, operation);
        var root = document.RootElement;
        return new PayPalJson(
            Str(root, "id") ?? throw new PayPalApiException($"PayPal answered {operation} without an id.", 200, isTransient: false),
            Str(root, "status") ?? "",
            text);
    }

    private static JsonDocument Parse(string text, string operation)
    {
        try
        {
            var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
        }
        catch (JsonException)
        {
            // reported below
        }
        throw new PayPalApiException($"PayPal answered {operation} with a body the app cannot read.", 200, isTransient: false);
    }

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Segment(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Uri.EscapeDataString(id);
    }

    private static string Rfc3339(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
