using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serp.Admin.Integrations.PayPal;

namespace Serp.Admin.Tests.Fakes.PayPal;

/// <summary>
/// Webhook signatures and the event listing. PayPal signs <c>transmission_id|transmission_time|webhook_id|crc32(body)</c>
/// with its private key; the fake signs the same fields and a SHA-256 of the body with a secret of its own, so
/// verification succeeds only when <c>webhook_event</c> carries the delivered bytes unchanged.
/// </summary>
public sealed partial class FakePayPalApi
{
    private readonly byte[] signingKey = RandomNumberGenerator.GetBytes(32);
    private readonly List<ListedEvent> listedEvents = [];

    /// <summary>Signs a delivery of <paramref name="rawEvent"/> as PayPal would send it now (or at <paramref name="at"/>).</summary>
    public PayPalTransmission Sign(ReadOnlySpan<byte> rawEvent, DateTimeOffset? at = null)
    {
        var id = Guid.NewGuid().ToString();
        var when = (at ?? time.GetUtcNow()).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new PayPalTransmission("SHA256withRSA", $"{BaseUrl}/v1/notifications/certs/CERT-360caa42-fca2a594-fake", id,
            Signature(id, when, WebhookId, rawEvent), when);
    }

    /// <summary>The <c>PAYPAL-*</c> headers of a delivery signed by <see cref="Sign"/>.</summary>
    public static IReadOnlyDictionary<string, string> DeliveryHeaders(PayPalTransmission transmission) => new Dictionary<string, string>
    {
        ["PAYPAL-AUTH-ALGO"] = transmission.AuthAlgo,
        ["PAYPAL-CERT-URL"] = transmission.CertUrl,
        ["PAYPAL-TRANSMISSION-ID"] = transmission.TransmissionId,
        ["PAYPAL-TRANSMISSION-SIG"] = transmission.TransmissionSig,
        ["PAYPAL-TRANSMISSION-TIME"] = transmission.TransmissionTime,
    };

    /// <summary>An event PayPal holds (delivered or not), for <c>GET /v1/notifications/webhooks-events</c>; its JSON is listed as given.</summary>
    public void AddEvent(string json)
    {
        var node = JsonNode.Parse(json) ?? throw new ArgumentException("not JSON", nameof(json));
        var created = DateTimeOffset.Parse((string?)node["create_time"] ?? throw new ArgumentException("create_time missing", nameof(json)),
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        lock (gate) listedEvents.Add(new ListedEvent((string?)node["id"] ?? throw new ArgumentException("id missing", nameof(json)), created, json));
    }

    /// <summary>How many verifications answered SUCCESS and FAILURE.</summary>
    public (int Success, int Failure) Verifications
    {
        get
        {
            lock (gate) return (verifiedSuccess, verifiedFailure);
        }
    }

    private int verifiedSuccess;
    private int verifiedFailure;

    /// <summary>How long each verification takes before it answers (PayPal's round trip; the bench's slow-verify phase).</summary>
    public TimeSpan VerifyLatency { get; set; } = TimeSpan.Zero;

    private void MapWebhooks(WebApplication web)
    {
        web.MapPost("/v1/notifications/verify-webhook-signature", VerifyAsync);
        web.MapGet("/v1/notifications/webhooks-events", ListEventsAsync);
    }

    private async Task VerifyAsync(HttpContext context)
    {
        if (VerifyLatency > TimeSpan.Zero) await Task.Delay(VerifyLatency, context.RequestAborted);
        var body = BodyOf(context);
        if (!TryReadVerification(body, out var fields, out var rawEvent))
        {
            await WriteErrorAsync(context, 400, "VALIDATION_ERROR", "Invalid request - see details", "MISSING_REQUIRED_PARAMETER",
                "A required field / parameter is missing.");
            return;
        }
        var genuine = fields["webhook_id"] == WebhookId
                      && CryptographicOperations.FixedTimeEquals(
                          Encoding.ASCII.GetBytes(fields["transmission_sig"]),
                          Encoding.ASCII.GetBytes(Signature(fields["transmission_id"], fields["transmission_time"], fields["webhook_id"], rawEvent)));
        lock (gate)
        {
            if (genuine) verifiedSuccess++;
            else verifiedFailure++;
        }
        await WriteJsonAsync(context, 200, new JsonObject { ["verification_status"] = genuine ? "SUCCESS" : "FAILURE" });
    }

    /// <summary>The six string fields, and <c>webhook_event</c> as the exact bytes it occupies in the request body.</summary>
    private static bool TryReadVerification(byte[] body, out Dictionary<string, string> fields, out ReadOnlySpan<byte> rawEvent)
    {
        fields = new Dictionary<string, string>(StringComparer.Ordinal);
        rawEvent = default;
        var eventStart = -1;
        var eventEnd = -1;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (name == "webhook_event")
                {
                    if (reader.TokenType != JsonTokenType.StartObject) return false;
                    eventStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    eventEnd = (int)reader.BytesConsumed;
                }
                else if (reader.TokenType == JsonTokenType.String)
                {
                    fields[name] = reader.GetString()!;
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        string[] required = ["auth_algo", "cert_url", "transmission_id", "transmission_sig", "transmission_time", "webhook_id"];
        var read = fields;
        if (eventStart < 0 || required.Any(r => !read.TryGetValue(r, out var v) || v.Length == 0)) return false;
        rawEvent = body.AsSpan(eventStart, eventEnd - eventStart);
        return true;
    }

    private string Signature(string transmissionId, string transmissionTime, string webhookId, ReadOnlySpan<byte> rawEvent)
    {
        var signed = $"{transmissionId}|{transmissionTime}|{webhookId}|{Convert.ToHexString(SHA256.HashData(rawEvent))}";
        return Convert.ToBase64String(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(signed)));
    }

    private async Task ListEventsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (!TryTime(query["start_time"], out var start) || !TryTime(query["end_time"], out var end) || start > end)
        {
            await WriteErrorAsync(context, 400, "VALIDATION_ERROR", "Invalid request - see details", "INVALID_PARAMETER_SYNTAX",
                "start_time and end_time must be RFC 3339 date-times, start before end.");
            return;
        }
        var size = int.TryParse(query["page_size"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? Math.Clamp(s, 1, 300) : 10;
        var skip = int.TryParse(query["next_page_token"], NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 0;
        List<ListedEvent> matching;
        lock (gate)
        {
            // Newest first, as PayPal lists them.
            matching = [.. listedEvents.Where(e => e.CreateTime >= start && e.CreateTime <= end).OrderByDescending(e => e.CreateTime).ThenBy(e => e.Id, StringComparer.Ordinal)];
        }
        var page = matching.Skip(skip).Take(size).ToList();
        var events = new JsonArray([.. page.Select(e => JsonNode.Parse(e.Json))]);
        var links = new JsonArray();
        if (skip + size < matching.Count)
        {
            var next = $"{BaseUrl}/v1/notifications/webhooks-events?page_size={size}&start_time={Uri.EscapeDataString(query["start_time"].ToString())}"
                       + $"&end_time={Uri.EscapeDataString(query["end_time"].ToString())}&next_page_token={skip + size}";
            links.Add(new JsonObject { ["href"] = next, ["rel"] = "next", ["method"] = "GET" });
        }
        await WriteJsonAsync(context, 200, new JsonObject { ["events"] = events, ["count"] = page.Count, ["links"] = links });
    }

    private static bool TryTime(string? text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);

    private sealed record ListedEvent(string Id, DateTimeOffset CreateTime, string Json);
}
