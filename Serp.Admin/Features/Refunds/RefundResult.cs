namespace Serp.Admin.Features.Refunds;

/// <summary>What the desk asks: refund <paramref name="Amount"/> minor units of the order's currency.</summary>
/// <param name="RequestId">Made once per dialog: the Stripe idempotency key comes from it.</param>
public sealed record RefundRequest(Guid OrderId, Guid RequestId, long Amount, string Reason, string? Note);

public enum RefundOutcome
{
    /// <summary>The provider made the refund (possibly still pending) and the order shows it.</summary>
    Succeeded,
    /// <summary>We refused before asking the provider (role, amount, order state, limit): nothing happened.</summary>
    Refused,
    /// <summary>The provider made no refund (or did not answer: <see cref="RefundResult.Retryable"/>).</summary>
    Failed,
}

public sealed record RefundResult(RefundOutcome Outcome, string Message, string? Code = null, string? ProviderRefundId = null,
    string? Status = null, bool Retryable = false)
{
    public bool Succeeded => Outcome == RefundOutcome.Succeeded;
}
