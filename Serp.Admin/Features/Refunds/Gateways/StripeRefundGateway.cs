using Serp.Admin.Integrations.Stripe;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;

namespace Serp.Admin.Features.Refunds.Gateways;

/// <summary>Refunds of Stripe orders through <see cref="StripeRefunds"/> (idempotency key from the request id).</summary>
internal sealed class StripeRefundGateway(StripeRefunds stripe) : IRefundGateway
{
    public string Source => PaymentSource.Stripe;

    public async Task<(RefundFact? Refund, ProviderRefundError? Error)> RefundAsync(ProviderRefund request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (created, error) = await stripe.CreateAsync(
            new StripeRefundRequest(request.RequestId, request.PaymentRef, request.Amount, request.Reason, request.Note, request.Actor), ct);
        if (error is not null) return (null, new ProviderRefundError(error.Code, error.Message, error.Retryable));
        return (new RefundFact
        {
            Source = Source,
            // The refund's own creation time: Stripe's later events about it are at or after it, so they win.
            ObservedAt = created!.Created,
            ProviderRefundId = created.Id,
            PaymentRef = created.PaymentIntentId ?? request.PaymentRef,
            ChargeId = created.ChargeId,
            Amount = created.Amount,
            Currency = created.Currency,
            Status = created.Status,
            Reason = request.Reason,
            RequestedBy = request.Actor,
            RequestId = request.RequestId,
            Note = request.Note,
            CreatedAt = created.Created,
        }, null);
    }
}
