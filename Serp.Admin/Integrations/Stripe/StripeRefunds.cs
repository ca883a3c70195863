using System.Net;
using Stripe;

namespace Serp.Admin.Integrations.Stripe;

/// <summary>What the desk asks Stripe to refund. <paramref name="Reason"/> is our reason code (duplicate, goodwill…).</summary>
public sealed record StripeRefundRequest(Guid RequestId, string PaymentIntentId, long Amount, string Reason, string? Note, string Actor);

/// <summary>The refund object Stripe answered with.</summary>
public sealed record StripeRefundCreated(string Id, string? PaymentIntentId, string? ChargeId, long Amount, string Currency,
    string Status, DateTimeOffset Created);

/// <summary>
/// Why Stripe made no refund: the provider's code (or ours: <c>not_configured</c>, <c>no_answer</c>) and a sentence an
/// agent understands. <paramref name="Retryable"/> when the outcome is unknown and the same request may be sent again.
/// </summary>
public sealed record StripeRefundError(string Code, string Message, bool Retryable);

/// <summary>
/// Creates refunds through Stripe.net's <see cref="RefundService"/>. The idempotency key is derived from our refund
/// request id alone, so a double click, a retry after a timeout or a second tab replays the first answer instead
/// of refunding twice (Stripe.net's own network retries reuse it too).
/// </summary>
public sealed class StripeRefunds(StripeClientFactory clients)
{
    /// <summary>The reasons Stripe accepts as <c>reason</c>; ours beyond these ride only in the metadata.</summary>
    private static readonly HashSet<string> StripeReasons = new(StringComparer.Ordinal) { "duplicate", "requested_by_customer", "fraudulent" };

    public static string IdempotencyKey(Guid requestId) => $"serp-refund-{requestId:D}";

    public async Task<(StripeRefundCreated? Refund, StripeRefundError? Error)> CreateAsync(StripeRefundRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!clients.IsConfigured)
        {
            return (null, new StripeRefundError("not_configured", "Stripe is not configured (Stripe:SecretKey is not set): nothing was refunded.", false));
        }

        var metadata = new Dictionary<string, string>
        {
            [RefundMetadata.Reason] = request.Reason,
            [RefundMetadata.RequestId] = request.RequestId.ToString("D"),
            [RefundMetadata.RequestedBy] = request.Actor,
        };
        if (!string.IsNullOrWhiteSpace(request.Note)) metadata[RefundMetadata.Note] = request.Note;
        var options = new RefundCreateOptions
        {
            PaymentIntent = request.PaymentIntentId,
            Amount = request.Amount,
            Reason = StripeReasons.Contains(request.Reason) ? request.Reason : null,
            Metadata = metadata,
        };

        try
        {
            var service = new RefundService(clients.Create());
            var refund = await service.CreateAsync(options, new RequestOptions { IdempotencyKey = IdempotencyKey(request.RequestId) }, ct);
            return (new StripeRefundCreated(refund.Id, refund.PaymentIntentId, refund.ChargeId, refund.Amount, refund.Currency,
                refund.Status, new DateTimeOffset(DateTime.SpecifyKind(refund.Created, DateTimeKind.Utc))), null);
        }
        catch (StripeException ex)
        {
            return (null, Describe(ex));
        }
        catch (HttpRequestException)
        {
            return (null, NoAnswer);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // HttpClient's timeout: Stripe may or may not have refunded; the same request (same key) finds out safely.
            return (null, NoAnswer);
        }
    }

    private static readonly StripeRefundError NoAnswer = new("no_answer", "Stripe did not answer; nothing was refunded, try again.", true);

    private static StripeRefundError Describe(StripeException ex)
    {
        var code = ex.StripeError?.Code ?? ex.StripeError?.Type;
        if (ex.HttpStatusCode == HttpStatusCode.Unauthorized)
        {
            return new StripeRefundError("authentication_failed",
                "Stripe refused the API key (Stripe:SecretKey): nothing was refunded. An admin must fix the configuration.", false);
        }
        if ((int)ex.HttpStatusCode >= 500 || ex.HttpStatusCode == HttpStatusCode.TooManyRequests || ex.StripeError is null)
        {
            return NoAnswer with { Code = code ?? ((int)ex.HttpStatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        var message = code switch
        {
            "charge_already_refunded" => "This charge was already fully refunded in Stripe.",
            "amount_too_large" => "The amount is more than what is left to refund (Stripe counts refunds this page may not show yet).",
            "charge_disputed" => "This payment is disputed in Stripe: it cannot be refunded while the dispute is open. Answer the dispute instead.",
            "resource_missing" => "Stripe does not know this payment (another Stripe account or test/live mode?): nothing was refunded.",
            "idempotency_error" or "idempotency_key_in_use" =>
                "This refund request was already sent with other details: close the dialog and start a new refund.",
            _ => $"Stripe refused the refund: {ex.StripeError?.Message ?? ex.Message}",
        };
        return new StripeRefundError(code ?? ex.StripeError?.Type ?? "stripe_error", message, false);
    }
}
