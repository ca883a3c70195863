using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Serp.Admin.Tests.Fakes.PayPal;

/// <summary>
/// Orders v2 (get, capture) and Payments v2 refunds. A repeated <c>PayPal-Request-Id</c> on the same path gets the
/// first answer again and changes nothing; amounts are decimal strings checked against the currency's decimals
/// (JPY, HUF, TWD have none), as PayPal does (422 <c>DECIMAL_PRECISION</c>, <c>CURRENCY_MISMATCH</c>,
/// <c>REFUND_AMOUNT_EXCEEDED</c>, <c>CAPTURE_FULLY_REFUNDED</c>).
/// </summary>
public sealed partial class FakePayPalApi
{
    private static readonly HashSet<string> ZeroDecimal = new(["JPY", "HUF", "TWD"], StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> captures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> refunds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Status, string Body)> idempotent = new(StringComparer.Ordinal);
    private int ids;

    /// <summary>Creates an order as the storefront would (approved by the buyer unless <paramref name="status"/> says otherwise); returns its id.</summary>
    public string CreateOrder(string amount, string currency, string? payerEmail = "buyer@example.com", string? givenName = "Ada",
        string? surname = "Lovelace", string? customId = null, string status = "APPROVED", string? orderId = null)
    {
        lock (gate)
        {
            var id = orderId ?? NewId();
            var unit = new JsonObject
            {
                ["reference_id"] = "default",
                ["amount"] = Money(amount, currency),
                ["payee"] = new JsonObject { ["email_address"] = "merchant@example.com", ["merchant_id"] = "FAKEMERCHANT01" },
            };
            if (customId is not null) unit["custom_id"] = customId;
            var order = new JsonObject
            {
                ["id"] = id,
                ["intent"] = "CAPTURE",
                ["status"] = status,
                ["purchase_units"] = new JsonArray(unit),
                ["create_time"] = Now(),
                ["links"] = new JsonArray(Link($"/v2/checkout/orders/{id}", "self", "GET"), Link($"/v2/checkout/orders/{id}/capture", "capture", "POST")),
            };
            if (payerEmail is not null)
            {
                var name = new JsonObject { ["given_name"] = givenName, ["surname"] = surname };
                order["payer"] = new JsonObject { ["name"] = name, ["email_address"] = payerEmail, ["payer_id"] = "FAKEPAYER" + id[..4] };
                order["payment_source"] = new JsonObject
                {
                    ["paypal"] = new JsonObject { ["email_address"] = payerEmail, ["account_id"] = "FAKEPAYER" + id[..4], ["name"] = name.DeepClone() },
                };
            }
            orders[id] = order;
            return id;
        }
    }

    /// <summary>Captures an approved order as the storefront would (no request through the API); returns the capture id.</summary>
    public string CaptureOrder(string orderId)
    {
        lock (gate) return Capture(orders[orderId]);
    }

    /// <summary>The order, capture or refund as the API would return it now (for building webhook events around them).</summary>
    public JsonObject? Order(string id) => Snapshot(orders, id);

    public JsonObject? CaptureResource(string id) => Snapshot(captures, id);

    public JsonObject? Refund(string id) => Snapshot(refunds, id);

    public IReadOnlyList<JsonObject> Refunds
    {
        get
        {
            lock (gate) return [.. refunds.Values.Select(r => (JsonObject)r.DeepClone())];
        }
    }

    private void MapPayments(WebApplication web)
    {
        web.MapGet("/v2/checkout/orders/{id}", (HttpContext context, string id) =>
        {
            var order = Order(id);
            return order is null ? NotFoundAsync(context) : WriteJsonAsync(context, 200, order);
        });
        web.MapPost("/v2/checkout/orders/{id}/capture", (HttpContext context, string id) => OnceAsync(context, () => CaptureOverApi(id)));
        web.MapPost("/v2/payments/captures/{id}/refund", (HttpContext context, string id) => OnceAsync(context, () => RefundOverApi(id, BodyOf(context))));
        web.MapGet("/v2/payments/captures/{id}", (HttpContext context, string id) =>
        {
            var capture = CaptureResource(id);
            return capture is null ? NotFoundAsync(context) : WriteJsonAsync(context, 200, capture);
        });
    }

    /// <summary>Runs <paramref name="act"/> once per <c>PayPal-Request-Id</c> and path; repeats get the stored answer.</summary>
    private async Task OnceAsync(HttpContext context, Func<(int Status, JsonObject Body)> act)
    {
        var requestId = context.Request.Headers["PayPal-Request-Id"].ToString();
        var key = requestId.Length == 0 ? null : context.Request.Path.Value + "|" + requestId;
        (int Status, string Body) answer;
        lock (gate)
        {
            if (key is null || !idempotent.TryGetValue(key, out answer))
            {
                var (status, body) = act();
                answer = (status, body.ToJsonString());
                if (key is not null) idempotent[key] = answer;
            }
        }
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.Body);
    }

    private (int, JsonObject) CaptureOverApi(string orderId)
    {
        if (!orders.TryGetValue(orderId, out var order)) return Error(404, "RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", "Specified resource ID does not exist.");
        switch ((string?)order["status"])
        {
            case "COMPLETED":
                return Error(422, "UNPROCESSABLE_ENTITY", "ORDER_ALREADY_CAPTURED", "Order already captured. If 'intent=CAPTURE' only one capture per order is allowed.");
            case not "APPROVED":
                return Error(422, "UNPROCESSABLE_ENTITY", "ORDER_NOT_APPROVED", "Payer has not yet approved the Order for payment.");
        }
        Capture(order);
        return (201, (JsonObject)order.DeepClone());
    }

    private string Capture(JsonObject order)
    {
        var orderId = (string)order["id"]!;
        var unit = (JsonObject)order["purchase_units"]![0]!;
        var id = NewId();
        var capture = new JsonObject
        {
            ["id"] = id,
            ["status"] = "COMPLETED",
            ["amount"] = unit["amount"]!.DeepClone(),
            ["final_capture"] = true,
            ["seller_protection"] = new JsonObject { ["status"] = "ELIGIBLE" },
            ["create_time"] = Now(),
            ["update_time"] = Now(),
            ["supplementary_data"] = new JsonObject { ["related_ids"] = new JsonObject { ["order_id"] = orderId } },
            ["links"] = new JsonArray(Link($"/v2/payments/captures/{id}", "self", "GET"), Link($"/v2/payments/captures/{id}/refund", "refund", "POST"),
                Link($"/v2/checkout/orders/{orderId}", "up", "GET")),
        };
        if (unit["custom_id"] is { } custom) capture["custom_id"] = custom.DeepClone();
        captures[id] = capture;
        unit["payments"] = new JsonObject { ["captures"] = new JsonArray(capture.DeepClone()) };
        order["status"] = "COMPLETED";
        return id;
    }

    private (int, JsonObject) RefundOverApi(string captureId, byte[] body)
    {
        if (!captures.TryGetValue(captureId, out var capture)) return Error(404, "RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", "Specified resource ID does not exist.");
        JsonObject request;
        try
        {
            request = body.Length == 0 ? [] : JsonNode.Parse(body) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return Error(400, "INVALID_REQUEST", "MALFORMED_REQUEST_JSON", "The request JSON is not well formed.");
        }
        var currency = (string)capture["amount"]!["currency_code"]!;
        var captured = Parse((string)capture["amount"]!["value"]!);
        var refunded = refunds.Values.Where(r => (string?)r["capture_id_fake"] == captureId).Sum(r => Parse((string)r["amount"]!["value"]!));
        if (refunded >= captured) return Error(422, "UNPROCESSABLE_ENTITY", "CAPTURE_FULLY_REFUNDED", "The capture has already been fully refunded.");

        var value = captured - refunded;
        if (request["amount"] is JsonObject amount)
        {
            if ((string?)amount["currency_code"] != currency)
            {
                return Error(422, "UNPROCESSABLE_ENTITY", "CURRENCY_MISMATCH", "Currency of capture must be the same as currency of refund.");
            }
            var text = (string?)amount["value"] ?? "";
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) || value <= 0)
            {
                return Error(422, "UNPROCESSABLE_ENTITY", "CANNOT_BE_ZERO_OR_NEGATIVE", "Must be greater than zero.");
            }
            var decimals = text.Contains('.', StringComparison.Ordinal) ? text.Length - text.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
            if (decimals > (ZeroDecimal.Contains(currency) ? 0 : 2))
            {
                return Error(422, "UNPROCESSABLE_ENTITY", "DECIMAL_PRECISION", "The value of the field should not have more decimal places than allowed.");
            }
            if (value > captured - refunded)
            {
                return Error(422, "UNPROCESSABLE_ENTITY", "REFUND_AMOUNT_EXCEEDED", "The refund amount must be less than or equal to the capture amount that has not yet been refunded.");
            }
        }

        var id = NewId();
        var refund = new JsonObject
        {
            ["id"] = id,
            ["status"] = "COMPLETED",
            ["amount"] = Money(Format(value, currency), currency),
            ["create_time"] = Now(),
            ["update_time"] = Now(),
            ["links"] = new JsonArray(Link($"/v2/payments/refunds/{id}", "self", "GET"), Link($"/v2/payments/captures/{captureId}", "up", "GET")),
            ["capture_id_fake"] = captureId,
        };
        if (request["custom_id"] is { } custom) refund["custom_id"] = custom.DeepClone();
        if (request["note_to_payer"] is { } note) refund["note_to_payer"] = note.DeepClone();
        refunds[id] = refund;
        if (refunded + value >= captured) capture["status"] = "REFUNDED";
        else capture["status"] = "PARTIALLY_REFUNDED";
        return (201, WithoutFakeFields(refund));
    }

    private JsonObject? Snapshot(Dictionary<string, JsonObject> store, string id)
    {
        lock (gate) return store.TryGetValue(id, out var found) ? WithoutFakeFields(found) : null;
    }

    private static JsonObject WithoutFakeFields(JsonObject resource)
    {
        var copy = (JsonObject)resource.DeepClone();
        copy.Remove("capture_id_fake");
        return copy;
    }

    private Task NotFoundAsync(HttpContext context) =>
        WriteErrorAsync(context, 404, "RESOURCE_NOT_FOUND", "The specified resource does not exist.", "INVALID_RESOURCE_ID",
            "Specified resource ID does not exist. Please check the resource ID and try again.");

    private (int, JsonObject) Error(int status, string name, string issue, string description) =>
        (status, new JsonObject
        {
            ["name"] = name,
            ["message"] = "The requested action could not be performed, semantically incorrect, or failed business validation.",
            ["debug_id"] = "f" + Interlocked.Increment(ref debugIds).ToString("x8", CultureInfo.InvariantCulture),
            ["details"] = new JsonArray(new JsonObject { ["issue"] = issue, ["description"] = description }),
        });

    private void ResetData()
    {
        orders.Clear();
        captures.Clear();
        refunds.Clear();
        idempotent.Clear();
        listedEvents.Clear();
        verifiedSuccess = 0;
        verifiedFailure = 0;
    }

    /// <summary>PayPal ids look like <c>5O190127TN364715T</c>: 17 upper-case letters and digits.</summary>
    private string NewId()
    {
        var n = Interlocked.Increment(ref ids);
        var text = new StringBuilder(Guid.NewGuid().ToString("N")[..12].ToUpperInvariant());
        text.Append(n.ToString("D5", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private JsonObject Link(string path, string rel, string method) => new() { ["href"] = BaseUrl + path, ["rel"] = rel, ["method"] = method };

    private static JsonObject Money(string value, string currency) => new() { ["currency_code"] = currency, ["value"] = value };

    private static decimal Parse(string value) => decimal.Parse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static string Format(decimal value, string currency) =>
        value.ToString(ZeroDecimal.Contains(currency) ? "0" : "0.00", CultureInfo.InvariantCulture);

    private string Now() => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
