using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Orders;

namespace Serp.Admin.Webhooks.Stripe;

/// <summary>
/// <c>POST /webhooks/stripe</c> (contract): verify, store, answer. Processing happens later in the background,
/// so Stripe gets its 200 in milliseconds; nothing unverified is stored and nothing unstored is acknowledged.
/// </summary>
internal static class StripeWebhookEndpoint
{
    public const string Path = "/webhooks/stripe";
    public const int MaxBodyBytes = 1024 * 1024;
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapStripeWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(WebhookRateLimits.Stripe);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request, StripeSignatureVerifier verifier, WebhookInbox inbox, WebhookSignal signal,
        WebhookMetrics metrics, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(StripeWebhookEndpoint));
        if (!verifier.IsConfigured)
        {
            logger.LogError("A Stripe webhook arrived but Stripe:WebhookSecret is not set; answering 503 so Stripe retries");
            return Error(StatusCodes.Status503ServiceUnavailable, "The Stripe webhook secret is not configured.");
        }

        var body = await RawBody.ReadAsync(request, MaxBodyBytes, ct);
        if (body is null) return Reject(StatusCodes.Status413PayloadTooLarge, "too_large", "The body is larger than 1 MiB.");

        var header = request.Headers["Stripe-Signature"].ToString();
        if (header.Length == 0) return Reject(StatusCodes.Status400BadRequest, "missing_signature", "The Stripe-Signature header is missing.");

        var payload = Encoding.UTF8.GetString(body);
        if (!verifier.IsValid(payload, header))
        {
            return Reject(StatusCodes.Status400BadRequest, "bad_signature", "The signature does not match, or its timestamp is outside the tolerance.");
        }

        if (!TryRead(payload, out var incoming))
        {
            return Reject(StatusCodes.Status400BadRequest, "malformed", "The body is not a Stripe event (JSON with id and type).");
        }

        bool stored;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(StoreTimeout);
            stored = await inbox.StoreAsync(incoming, timeout.Token);
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex) || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            metrics.Rejected(PaymentSource.Stripe, "database_unavailable");
            logger.LogError("Stripe event {EventId} could not be stored ({Error}); answering 503 so Stripe retries",
                incoming.EventId, ex.GetType().Name);
            return Error(StatusCodes.Status503ServiceUnavailable, "The event could not be stored; retry later.");
        }

        metrics.Received(PaymentSource.Stripe, duplicate: !stored);
        if (stored) signal.Ring();
        return TypedResults.Ok(new { received = true, duplicate = !stored });

        IResult Reject(int status, string reason, string message)
        {
            metrics.Rejected(PaymentSource.Stripe, reason);
            logger.LogWarning("Stripe webhook refused ({Reason}) from {RemoteAddress}", reason, request.HttpContext.Connection.RemoteIpAddress);
            return Error(status, message);
        }
    }

    private static bool TryRead(string payload, out IncomingEvent incoming)
    {
        incoming = null!;
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.Str("id") is not { Length: > 0 } id || root.Str("type") is not { Length: > 0 } type) return false;
            incoming = new IncomingEvent(PaymentSource.Stripe, id, type, root.Str("api_version"), root.Bool("livemode") ?? false, payload);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonHttpResult<ErrorBody> Error(int status, string message) => TypedResults.Json(new ErrorBody(message), statusCode: status);

    internal sealed record ErrorBody(string Error);
}
