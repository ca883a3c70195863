using System.Text.Json;
using Serp.Domain.Checkout;
using Serp.Domain.Disputes;
using Serp.Domain.Orders;
using Serp.Domain.Payments;
using Serp.Domain.Refunds;

namespace Serp.Domain.Purchases;

/// <summary>
/// Applies provider facts to a purchase. Every rule is order-independent: first/last values are minima and
/// maxima of fact times, snapshots are kept only when newer (ties broken by status rank), checkout data wins
/// over payment data whichever came first, and the order's status is derived from all facts, never stepped.
/// </summary>
public static class PurchaseRules
{
    public static void Apply(Purchase purchase, PurchaseFact fact)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(fact);
        PurchaseColumns.Require(fact.Source);
        switch (fact)
        {
            case CheckoutFact checkout: ApplyCheckout(purchase, checkout); break;
            case PaymentFact payment: ApplyPayment(purchase, payment); break;
            case PaymentFailureFact failure: ApplyPaymentFailure(purchase, failure); break;
            case RefundFact refund: ApplyRefund(purchase, refund); break;
            case DisputeFact dispute: ApplyDispute(purchase, dispute); break;
            default: throw new ArgumentException($"Unknown fact {fact?.GetType().Name}", nameof(fact));
        }
        Recompute(purchase);
    }

    public static void ApplyCheckout(Purchase purchase, CheckoutFact fact)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(fact);
        var paymentRef = PurchaseColumns.CheckoutPaymentRef(fact);
        var session = purchase.Session ??= new CheckoutSession
        {
            Id = StableId.ForProvider(fact.Source, "checkout", fact.SessionId),
            Status = CheckoutStatus.Pending,
            Source = fact.Source,
            CreatedAt = fact.CreatedAt,
            UpdatedAt = fact.ObservedAt,
        };
        PurchaseColumns.SetSession(session, fact.Source, fact.SessionId, paymentRef, fact.MetadataJson);
        session.OfferId = fact.OfferId ?? session.OfferId;
        session.LanderId = fact.LanderId ?? session.LanderId;
        session.CustomerEmail = fact.CustomerEmail ?? session.CustomerEmail;
        session.CreatedAt = Min(session.CreatedAt, fact.CreatedAt);
        session.UpdatedAt = Max(session.UpdatedAt, fact.ObservedAt);
        session.Status = MaxStatus(session.Status, fact.Outcome switch
        {
            CheckoutOutcome.Expired => CheckoutStatus.Abandoned,
            CheckoutOutcome.Completed or CheckoutOutcome.AsyncPaymentSucceeded => CheckoutStatus.Completed,
            CheckoutOutcome.AsyncPaymentFailed => CheckoutStatus.Failed,
            _ => CheckoutStatus.Pending,
        });

        if (fact.Outcome is CheckoutOutcome.Open or CheckoutOutcome.Expired) return;

        var order = EnsureOrder(purchase, fact.Source, paymentRef, fact.SessionId, fact.CreatedAt, fact.ObservedAt);
        // Checkout knows the offer and the customer: its values win over what a payment or charge said.
        PurchaseColumns.SetCheckout(order, fact.Source, fact.SessionId, paymentRef);
        order.CheckoutSessionId = session.Id;
        if (fact.AmountTotal is { } amount) order.AmountTotal = amount;
        if (fact.Currency is not null) order.Currency = fact.Currency;
        order.CustomerEmail = fact.CustomerEmail ?? order.CustomerEmail;
        order.CustomerName = fact.CustomerName ?? order.CustomerName;
        if (fact.MetadataJson is not null) order.Metadata = JsonDocument.Parse(fact.MetadataJson);
        order.OfferId = fact.OfferId ?? order.OfferId;
        order.LanderId = fact.LanderId ?? order.LanderId;
        order.AffiliateId = fact.AffiliateId ?? order.AffiliateId;
        if (fact.Paid || fact.Outcome == CheckoutOutcome.AsyncPaymentSucceeded) order.PaidAt = MinOrValue(order.PaidAt, fact.ObservedAt);
        if (fact.Outcome == CheckoutOutcome.AsyncPaymentFailed) order.FailedAt = MinOrValue(order.FailedAt, fact.ObservedAt);
    }

    public static void ApplyPayment(Purchase purchase, PaymentFact fact)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(fact);
        var order = EnsureOrder(purchase, fact.Source, fact.PaymentRef, null, fact.CreatedAt, fact.ObservedAt);
        // A payment only fills what checkout has not said.
        if (order.CheckoutSessionId is null)
        {
            order.AmountTotal = order.AmountTotal == 0 ? fact.Amount : order.AmountTotal;
            order.Currency = order.Currency.Length == 0 ? fact.Currency : order.Currency;
        }
        order.CustomerEmail ??= fact.CustomerEmail;
        order.CustomerName ??= fact.CustomerName;
        PurchaseColumns.SetCharge(order, fact.Source, fact.ChargeId);
        order.PaymentMethod ??= fact.PaymentMethod;
        // The payment's own time, not when we heard of it: reconciliation may learn of it hours later.
        if (!fact.Pending) order.PaidAt = MinOrValue(order.PaidAt, fact.CreatedAt);
        // The newest charge snapshot wins (ties: the higher total, so equal-second snapshots converge in any order).
        if (fact.AmountRefunded is { } refunded
            && (order.ChargeRefundedObservedAt is not { } seen || fact.ObservedAt > seen
                || (fact.ObservedAt == seen && refunded > (order.ChargeAmountRefunded ?? 0))))
        {
            order.ChargeAmountRefunded = refunded;
            order.ChargeRefundedObservedAt = fact.ObservedAt;
        }
    }

    public static void ApplyPaymentFailure(Purchase purchase, PaymentFailureFact fact)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(fact);
        // A failed attempt is recorded, not an order state: the customer may retry and pay. A checkout whose
        // asynchronous payment fails for good says so itself (CheckoutOutcome.AsyncPaymentFailed), and so does a
        // failure the provider calls final (a denied PayPal capture).
        if (fact.Final)
        {
            var order = EnsureOrder(purchase, fact.Source, fact.PaymentRef, null, fact.OccurredAt, fact.ObservedAt);
            order.FailedAt = MinOrValue(order.FailedAt, fact.OccurredAt);
        }
        if (purchase.Failures.Any(f => f.Source == fact.Source && f.PaymentRef == fact.PaymentRef && f.AttemptRef == fact.AttemptRef)) return;
        purchase.Failures.Add(new PaymentFailure
        {
            Id = StableId.ForProvider(fact.Source, "failure", $"{fact.PaymentRef}:{fact.AttemptRef}"),
            Source = fact.Source,
            PaymentRef = fact.PaymentRef,
            AttemptRef = fact.AttemptRef,
            CustomerEmail = fact.CustomerEmail,
            Amount = fact.Amount,
            Currency = fact.Currency,
            FailureCode = fact.FailureCode,
            FailureMessage = fact.FailureMessage,
            OccurredAt = fact.OccurredAt,
        });
    }

    public static void ApplyRefund(Purchase purchase, RefundFact fact)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(fact);
        var refund = purchase.Refunds.FirstOrDefault(r => r.ProviderRefundId == fact.ProviderRefundId);
        if (refund is null)
        {
            refund = new Refund
            {
                Id = StableId.ForProvider(fact.Source, "refund", fact.ProviderRefundId),
                Source = fact.Source,
                ProviderRefundId = fact.ProviderRefundId,
                Currency = fact.Currency,
                Status = fact.Status,
                ObservedAt = fact.ObservedAt,
                CreatedAt = fact.CreatedAt,
                UpdatedAt = fact.ObservedAt,
            };
            purchase.Refunds.Add(refund);
        }
        // Who asked for it and why are set once (by the desk, or from the metadata it gave Stripe): a snapshot
        // without them, older or newer, never wipes them.
        refund.RequestedBy ??= fact.RequestedBy;
        refund.RequestId ??= fact.RequestId;
        refund.Note ??= fact.Note;
        if (!IsNewer(fact.ObservedAt, RefundStatus.Rank(fact.Status), refund.ObservedAt, RefundStatus.Rank(refund.Status)))
        {
            return;
        }

        refund.PaymentRef = fact.PaymentRef ?? refund.PaymentRef;
        refund.ChargeId = fact.ChargeId ?? refund.ChargeId;
        refund.Amount = fact.Amount;
        refund.Currency = fact.Currency;
        refund.Status = fact.Status;
        refund.Reason = fact.Reason ?? refund.Reason;
        refund.ObservedAt = fact.ObservedAt;
        refund.CreatedAt = Min(refund.CreatedAt, fact.CreatedAt);
        refund.UpdatedAt = Max(refund.UpdatedAt, fact.ObservedAt);
    }

    public static void ApplyDispute(Purchase purchase, DisputeFact fact)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(fact);
        var dispute = purchase.Disputes.FirstOrDefault(d => d.ProviderDisputeId == fact.ProviderDisputeId);
        var created = dispute is null;
        if (dispute is null)
        {
            dispute = new Dispute
            {
                Id = StableId.ForProvider(fact.Source, "dispute", fact.ProviderDisputeId),
                Source = fact.Source,
                ProviderDisputeId = fact.ProviderDisputeId,
                Currency = fact.Currency,
                Status = fact.Status,
                ObservedAt = fact.ObservedAt,
                CreatedAt = fact.CreatedAt,
                UpdatedAt = fact.ObservedAt,
            };
            purchase.Disputes.Add(dispute);
        }

        // Money movements are facts of their own, kept whatever snapshot wins.
        if (fact.Funds == DisputeFunds.Withdrawn) dispute.FundsWithdrawnAt = MinOrValue(dispute.FundsWithdrawnAt, fact.ObservedAt);
        if (fact.Funds == DisputeFunds.Reinstated) dispute.FundsReinstatedAt = MinOrValue(dispute.FundsReinstatedAt, fact.ObservedAt);
        dispute.CreatedAt = Min(dispute.CreatedAt, fact.CreatedAt);
        dispute.UpdatedAt = Max(dispute.UpdatedAt, fact.ObservedAt);
        if (!created
            && !IsNewer(fact.ObservedAt, DisputeStatus.Rank(fact.Status), dispute.ObservedAt, DisputeStatus.Rank(dispute.Status)))
        {
            return;
        }

        dispute.PaymentRef = fact.PaymentRef ?? dispute.PaymentRef;
        dispute.ChargeId = fact.ChargeId ?? dispute.ChargeId;
        dispute.Amount = fact.Amount;
        dispute.Currency = fact.Currency;
        dispute.Reason = fact.Reason ?? dispute.Reason;
        dispute.Status = fact.Status;
        dispute.EvidenceDueBy = fact.EvidenceDueBy ?? dispute.EvidenceDueBy;
        dispute.ObservedAt = fact.ObservedAt;
        dispute.ClosedAt = DisputeStatus.IsClosed(fact.Status) ? fact.ObservedAt : null;
    }

    /// <summary>Links refunds and disputes to the order and derives its refunded total and payment status.</summary>
    public static void Recompute(Purchase purchase)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        var order = purchase.Order;
        if (order is null) return;
        foreach (var refund in purchase.Refunds) refund.OrderId = order.Id;
        foreach (var dispute in purchase.Disputes) dispute.OrderId = order.Id;

        var fromRows = purchase.Refunds.Where(r => RefundStatus.Counts(r.Status)).Sum(r => r.Amount);
        order.AmountRefunded = Math.Max(fromRows, FromChargeSnapshot(order, purchase.Refunds));
        order.PaymentStatus = OrderStatusRules.Derive(order, purchase.Disputes);
    }

    /// <summary>
    /// What the newest charge snapshot says was refunded, less the refunds it still counted that failed (or were
    /// canceled) afterwards: a refund that existed when the snapshot was taken and whose failure came at or after it.
    /// Depends only on the newest snapshot of each row, so every delivery order gives the same total.
    /// </summary>
    private static long FromChargeSnapshot(Order order, IEnumerable<Refund> refunds)
    {
        if (order.ChargeAmountRefunded is not { } charge || order.ChargeRefundedObservedAt is not { } at) return 0;
        var failedSince = refunds
            .Where(r => !RefundStatus.Counts(r.Status) && r.CreatedAt <= at && r.ObservedAt >= at)
            .Sum(r => r.Amount);
        return Math.Max(0, charge - failedSince);
    }

    private static Order EnsureOrder(Purchase purchase, string source, string? paymentRef, string? sessionId,
        DateTimeOffset createdAt, DateTimeOffset observedAt)
    {
        var order = purchase.Order ??= new Order
        {
            Id = paymentRef is not null
                ? StableId.ForProvider(source, "order", paymentRef)
                : StableId.ForProvider(source, "order-session", sessionId!),
            Currency = "",
            PaymentStatus = PaymentStatus.Pending,
            Source = source,
            CreatedAt = createdAt,
            UpdatedAt = observedAt,
        };
        PurchaseColumns.SetPayment(order, source, paymentRef);
        order.CreatedAt = Min(order.CreatedAt, createdAt);
        order.UpdatedAt = Max(order.UpdatedAt, observedAt);
        return order;
    }

    private static bool IsNewer(DateTimeOffset at, int rank, DateTimeOffset currentAt, int currentRank) =>
        at > currentAt || (at == currentAt && rank >= currentRank);

    private static string MaxStatus(string current, string candidate) =>
        Rank(candidate) > Rank(current) ? candidate : current;

    private static int Rank(string status) => status switch
    {
        CheckoutStatus.Abandoned => 1,
        CheckoutStatus.Completed => 2,
        CheckoutStatus.Failed => 3,
        _ => 0,
    };

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static DateTimeOffset MinOrValue(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value <= b ? value : b;
}
