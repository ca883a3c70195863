using Serp.Domain.Purchases;

namespace Serp.Admin.Features.Refunds.Gateways;

/// <summary>
/// What the desk asks a provider: refund <paramref name="Amount"/> minor units of <paramref name="Currency"/> of the
/// payment <paramref name="PaymentRef"/> (Stripe's payment intent, PayPal's capture). The provider's idempotency key
/// comes from <paramref name="RequestId"/> alone.
/// </summary>
public sealed record ProviderRefund(Guid RequestId, string PaymentRef, long Amount, string Currency, string Reason, string? Note, string Actor);

/// <summary>
/// Why the provider made no refund: its code (or ours: <c>not_configured</c>, <c>no_answer</c>) and a sentence an agent
/// understands. <paramref name="Retryable"/> when the outcome is unknown and the same request may be sent again.
/// </summary>
public sealed record ProviderRefundError(string Code, string Message, bool Retryable);

/// <summary>One provider's refunds, for the orders of its <see cref="Source"/>.</summary>
public interface IRefundGateway
{
    string Source { get; }

    /// <summary>The refund the provider made, as the fact the desk applies through the ledger, or why it made none.</summary>
    Task<(RefundFact? Refund, ProviderRefundError? Error)> RefundAsync(ProviderRefund request, CancellationToken ct);
}
