using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Serp.Admin.Tests.Fakes.Stripe;

/// <summary>How the fake's refund endpoint fails when told to.</summary>
public enum FakeStripeFailure
{
    None,
    /// <summary>500 with Stripe's api_error body (Stripe.net retries it, then gives up).</summary>
    ServerError,
    /// <summary>The connection is dropped without an answer, as a timeout or a network cut looks to the client.</summary>
    NoAnswer,
}

/// <summary>
/// <c>POST /v1/refunds</c> as Stripe answers it: the form-encoded body Stripe.net sends, the refund object, Stripe's
/// error bodies (<c>charge_already_refunded</c>, <c>amount_too_large</c>, <c>charge_disputed</c>, missing payment
/// intent, 401), and idempotent replay: the same <c>Idempotency-Key</c> returns the first answer again (header
/// <c>Idempotent-Replayed: true</c>), the same key with other parameters is a 400 <c>idempotency_error</c>.
/// </summary>
public sealed partial class FakeStripeApi
{
    private const string RefundsPath = "/v1/refunds";

    private readonly Dictionary<string, FakePayment> payments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdempotentAnswer> answers = new(StringComparer.Ordinal);
    private FakeStripeFailure refundFailure;

    /// <summary>Refunds the fake actually made on <paramref name="paymentIntentId"/> (replays and errors excluded).</summary>
    public int RefundsCreated(string paymentIntentId)
    {
        lock (gate) return payments.TryGetValue(paymentIntentId, out var payment) ? payment.RefundsCreated : 0;
    }

    /// <summary>The status new refunds get (<c>succeeded</c>, or <c>pending</c> as bank transfers and some cards do).</summary>
    public string NewRefundStatus { get; set; } = "succeeded";

    /// <summary>A payment intent the refund endpoint knows (replacing what it knew): its charge, amount, currency, state.</summary>
    public void AddPayment(string paymentIntentId, string chargeId, long amount, string currency, bool disputed = false, long refunded = 0)
    {
        lock (gate) payments[paymentIntentId] = new FakePayment(chargeId, amount, currency, disputed, refunded);
    }

    /// <summary>Stripe no longer knows the payment (another account or mode): refunds get <c>resource_missing</c>.</summary>
    public void ForgetPayment(string paymentIntentId)
    {
        lock (gate) payments.Remove(paymentIntentId);
    }

    /// <summary>Every refund request fails this way until set back to <see cref="FakeStripeFailure.None"/>.</summary>
    public void FailRefunds(FakeStripeFailure failure)
    {
        lock (gate) refundFailure = failure;
    }

    private void ResetRefunds()
    {
        payments.Clear();
        answers.Clear();
        refundFailure = FakeStripeFailure.None;
        NewRefundStatus = "succeeded";
    }

    private async Task CreateRefundAsync(HttpContext context)
    {
        RequestHold? currentHold;
        lock (gate) currentHold = hold;
        if (currentHold is not null) await currentHold.WaitAsync();

        var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var key = context.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k : null;
        context.Response.Headers["Request-Id"] = "req_" + Guid.NewGuid().ToString("N")[..14];

        if (context.Request.Headers.Authorization.ToString() != "Bearer " + ApiKey)
        {
            RecordPost(form, key, StatusCodes.Status401Unauthorized, null);
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_request_error", "Invalid API Key provided: sk_test_****wxyz");
            return;
        }

        FakeStripeFailure failure;
        lock (gate) failure = refundFailure;
        if (failure == FakeStripeFailure.NoAnswer)
        {
            RecordPost(form, key, 0, null);
            context.Abort();
            return;
        }
        if (failure == FakeStripeFailure.ServerError)
        {
            RecordPost(form, key, StatusCodes.Status500InternalServerError, null);
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "api_error",
                "An unknown error occurred. Please try again later.");
            return;
        }

        IdempotentAnswer answer;
        var replayed = false;
        lock (gate)
        {
            if (key is not null && answers.TryGetValue(key, out var earlier))
            {
                answer = SameParameters(earlier.Form, form) ? earlier : IdempotencyError(key);
                replayed = answer == earlier;
            }
            else
            {
                answer = Refund(form);
                if (key is not null) answers[key] = answer;
            }
        }

        RecordPost(form, key, answer.Status, answer.Body["id"] is { } id ? [(string)id!] : null);
        if (replayed) context.Response.Headers["Idempotent-Replayed"] = "true";
        if (key is not null) context.Response.Headers["Idempotency-Key"] = key;
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.Body.ToJsonString());
    }

    /// <summary>Under the gate: validates against the payment and makes the refund, or answers Stripe's error.</summary>
    private IdempotentAnswer Refund(Dictionary<string, string> form)
    {
        var intent = form.GetValueOrDefault("payment_intent");
        if (intent is null && !form.ContainsKey("charge"))
        {
            return Error(form, 400, "invalid_request_error", "parameter_missing",
                "One of the following params should be provided for this request: payment_intent or charge.", "payment_intent");
        }
        if (intent is null || !payments.TryGetValue(intent, out var payment))
        {
            return Error(form, 404, "invalid_request_error", "resource_missing", $"No such payment_intent: '{intent}'", "payment_intent");
        }
        if (payment.Disputed)
        {
            return Error(form, 400, "invalid_request_error", "charge_disputed",
                $"Charge {payment.ChargeId} has been charged back; cannot issue a refund.", null);
        }
        var left = payment.Amount - payment.Refunded;
        if (left <= 0)
        {
            return Error(form, 400, "invalid_request_error", "charge_already_refunded", $"Charge {payment.ChargeId} has already been refunded.", null);
        }
        var amount = form.TryGetValue("amount", out var text) ? long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : left;
        if (amount > left)
        {
            return Error(form, 400, "invalid_request_error", "amount_too_large",
                $"Refund amount ({amount}) is greater than unrefunded amount on charge ({left})", "amount");
        }

        var refund = new JsonObject
        {
            ["id"] = "re_fake_" + Guid.NewGuid().ToString("N")[..20],
            ["object"] = "refund",
            ["amount"] = amount,
            ["balance_transaction"] = "txn_fake_" + Guid.NewGuid().ToString("N")[..12],
            ["charge"] = payment.ChargeId,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["currency"] = payment.Currency,
            ["destination_details"] = null,
            ["metadata"] = new JsonObject([.. form
                .Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal))
                .Select(f => KeyValuePair.Create(f.Key["metadata[".Length..^1], (JsonNode?)f.Value))]),
            ["payment_intent"] = intent,
            ["reason"] = form.GetValueOrDefault("reason"),
            ["receipt_number"] = null,
            ["source_transfer_reversal"] = null,
            ["status"] = NewRefundStatus,
            ["transfer_reversal"] = null,
        };
        payments[intent] = payment with { Refunded = payment.Refunded + amount, RefundsCreated = payment.RefundsCreated + 1 };
        objects.Add(new StoredObject(RefundsPath, (string)refund["id"]!, (long)refund["created"]!, ++sequence, refund.DeepClone().AsObject(), null));
        return new IdempotentAnswer(form, 200, refund);
    }

    private static IdempotentAnswer Error(Dictionary<string, string> form, int status, string type, string code, string message, string? param)
    {
        var error = new JsonObject
        {
            ["code"] = code,
            ["doc_url"] = $"https://stripe.com/docs/error-codes/{code.Replace('_', '-')}",
            ["message"] = message,
            ["request_log_url"] = "https://dashboard.stripe.com/test/logs/req_fake",
            ["type"] = type,
        };
        if (param is not null) error["param"] = param;
        return new IdempotentAnswer(form, status, new JsonObject { ["error"] = error });
    }

    private static IdempotentAnswer IdempotencyError(string key) => new([], 400, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["message"] = $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.",
            ["type"] = "idempotency_error",
        },
    });

    private static bool SameParameters(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    private void RecordPost(Dictionary<string, string> form, string? key, int status, IReadOnlyList<string>? returned)
    {
        lock (gate) requests.Add(new FakeStripeRequest(RefundsPath, form, status, returned ?? []) { Method = "POST", IdempotencyKey = key });
    }

    private sealed record FakePayment(string ChargeId, long Amount, string Currency, bool Disputed, long Refunded, int RefundsCreated = 0);

    private sealed record IdempotentAnswer(Dictionary<string, string> Form, int Status, JsonObject Body);
}
