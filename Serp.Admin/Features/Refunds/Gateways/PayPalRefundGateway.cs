using Microsoft.Extensions.Options;
using Serp.Admin.Integrations.PayPal;
using Serp.Admin.Integrations.PayPal.Events;
using Serp.Domain.Money;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;

namespace Serp.Admin.Features.Refunds.Gateways;

/// <summary>
/// Refunds of PayPal orders: <c>POST /v2/payments/captures/{capture}/refund</c> with <c>PayPal-Request-Id</c> from the
/// refund request id (a double click or a retry never refunds twice) and the amount as a decimal string in the
/// capture's currency. PayPal keeps no reason or actor of ours: the desk's row keeps them, and the later
/// PAYMENT.CAPTURE.REFUNDED updates that row by the refund's id without wiping them.
/// </summary>
internal sealed class PayPalRefundGateway(IPayPalApi api, IOptionsMonitor<PayPalOptions> options, TimeProvider time) : IRefundGateway
{
    public string Source => PaymentSource.PayPal;

    public async Task<(RefundFact? Refund, ProviderRefundError? Error)> RefundAsync(ProviderRefund request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!options.CurrentValue.IsConfigured)
        {
            return (null, new ProviderRefundError("not_configured",
                "PayPal is not configured (PayPal:ClientId, PayPal:ClientSecret, PayPal:WebhookId): nothing was refunded.", false));
        }

        PayPalRefundCreated created;
        try
        {
            created = await api.RefundCaptureAsync(new PayPalRefundRequest(request.RequestId, request.PaymentRef,
                DecimalAmount.ToDecimalString(request.Amount, request.Currency), request.Currency.ToUpperInvariant(), NoteToPayer: null), ct);
        }
        catch (PayPalApiException ex)
        {
            return (null, Describe(ex));
        }

        var amount = created.Amount is { } value && created.CurrencyCode is { } code
            ? DecimalAmount.ToMinorUnits(value, code.ToLowerInvariant(), out _) ?? request.Amount
            : request.Amount;
        // PayPal's own creation time (its later webhook about the refund is at or after it), else ours.
        var at = PayPalReads.FromRoot(created.Json, r => r.Instant("create_time")) ?? time.GetUtcNow();
        return (new RefundFact
        {
            Source = Source,
            ObservedAt = at,
            ProviderRefundId = created.Id,
            ChargeId = request.PaymentRef,
            Amount = amount,
            Currency = request.Currency,
            Status = PayPalResourceTranslator.RefundStatusOf(created.Status),
            Reason = request.Reason,
            RequestedBy = request.Actor,
            RequestId = request.RequestId,
            Note = request.Note,
            CreatedAt = at,
        }, null);
    }

    private static ProviderRefundError Describe(PayPalApiException ex)
    {
        if (ex.IsTransient)
        {
            return new ProviderRefundError("no_answer", "PayPal did not answer; try again (the same request never refunds twice).", true);
        }
        if (ex.StatusCode == 401)
        {
            return new ProviderRefundError("authentication_failed",
                "PayPal refused our credentials (PayPal:ClientId, PayPal:ClientSecret): nothing was refunded. An admin must fix the configuration.", false);
        }
        var message = ex.Issue switch
        {
            "CAPTURE_FULLY_REFUNDED" => "This capture was already fully refunded in PayPal.",
            "REFUND_AMOUNT_EXCEEDED" or "REFUND_AMOUNT_EXCEEDED_CAPTURE_AMOUNT" =>
                "The amount is more than what is left to refund (PayPal counts refunds this page may not show yet).",
            "REFUND_TIME_LIMIT_EXCEEDED" => "PayPal no longer allows refunds of this payment (it is too old): refund the customer another way.",
            "PENDING_CAPTURE" => "The payment is still pending in PayPal: it can be refunded once it completes.",
            "REFUND_NOT_PERMITTED_DUE_TO_CHARGEBACK" or "TRANSACTION_DISPUTED" =>
                "This payment is disputed in PayPal: it cannot be refunded while the dispute is open. Answer the dispute instead.",
            "INSUFFICIENT_FUNDS" or "REFUND_FAILED_INSUFFICIENT_FUNDS" => "The PayPal account does not hold enough money for this refund.",
            "RESOURCE_NOT_FOUND" or "INVALID_RESOURCE_ID" => "PayPal does not know this payment (another PayPal account, or sandbox/live?): nothing was refunded.",
            "DUPLICATE_REQUEST_ID" or "PREVIOUS_REQUEST_IN_PROGRESS" =>
                "This refund request was already sent with other details: close the dialog and start a new refund.",
            _ => $"PayPal refused the refund: {ex.Message}",
        };
        return new ProviderRefundError(ex.Issue ?? "paypal_error", message, false);
    }
}
