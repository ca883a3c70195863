using System.Globalization;
using System.Text;
using Serp.Domain.Purchases;

namespace Serp.Admin.Tests.Domain.Purchases;

/// <summary>Every column of every row of a purchase as text: two purchases are equal when their snapshots are.</summary>
internal static class PurchaseSnapshot
{
    public static string Of(Purchase p)
    {
        var text = new StringBuilder();
        if (p.Order is { } o)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"order {o.Id} cs={o.CheckoutSessionId} sess={o.StripeSessionId} pi={o.StripePaymentIntentId} ch={o.StripeChargeId} " +
                $"pp={o.PaypalOrderId} cap={o.PaypalCaptureId} " +
                $"amount={o.AmountTotal} {o.Currency} offer={o.OfferId} lander={o.LanderId} aff={o.AffiliateId} email={o.CustomerEmail} " +
                $"name={o.CustomerName} meta={o.Metadata?.RootElement.GetRawText()} status={o.PaymentStatus} method={o.PaymentMethod} " +
                $"source={o.Source} created={o.CreatedAt:O} updated={o.UpdatedAt:O} paid={o.PaidAt:O} failed={o.FailedAt:O} " +
                $"refunded={o.AmountRefunded} chargeRefunded={o.ChargeAmountRefunded}");
        }
        if (p.Session is { } s)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"session {s.Id} {s.Source} {s.StripeSessionId} pi={s.StripePaymentIntentId} offer={s.OfferId} " +
                $"lander={s.LanderId} email={s.CustomerEmail} meta={s.Metadata?.RootElement.GetRawText()} status={s.Status} " +
                $"created={s.CreatedAt:O} updated={s.UpdatedAt:O}");
        }
        foreach (var r in p.Refunds.OrderBy(r => r.ProviderRefundId, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"refund {r.Id} order={r.OrderId} {r.ProviderRefundId} pi={r.PaymentRef} ch={r.ChargeId} " +
                $"{r.Amount} {r.Currency} {r.Status} {r.Reason} by={r.RequestedBy} observed={r.ObservedAt:O} created={r.CreatedAt:O} updated={r.UpdatedAt:O}");
        }
        foreach (var d in p.Disputes.OrderBy(d => d.ProviderDisputeId, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"dispute {d.Id} order={d.OrderId} {d.ProviderDisputeId} pi={d.PaymentRef} ch={d.ChargeId} " +
                $"{d.Amount} {d.Currency} {d.Reason} {d.Status} due={d.EvidenceDueBy:O} withdrawn={d.FundsWithdrawnAt:O} " +
                $"reinstated={d.FundsReinstatedAt:O} observed={d.ObservedAt:O} created={d.CreatedAt:O} updated={d.UpdatedAt:O} closed={d.ClosedAt:O}");
        }
        foreach (var f in p.Failures.OrderBy(f => f.AttemptRef, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"failure {f.Id} {f.Source} {f.PaymentRef} {f.AttemptRef} {f.FailureCode}");
        }
        return text.ToString();
    }

    public static Purchase Run(IEnumerable<PurchaseFact> facts)
    {
        var purchase = new Purchase();
        foreach (var fact in facts) PurchaseRules.Apply(purchase, fact);
        return purchase;
    }

    /// <summary>The delivery order with one event redelivered, for each event: right after itself, and again after everything else.</summary>
    public static IEnumerable<IEnumerable<T>> Redeliveries<T>(IReadOnlyList<T> order)
    {
        for (var duplicated = 0; duplicated < order.Count; duplicated++)
        {
            yield return order.Take(duplicated + 1).Append(order[duplicated]).Concat(order.Skip(duplicated + 1)).Append(order[duplicated]);
        }
    }

    public static IEnumerable<IReadOnlyList<T>> Permutations<T>(IReadOnlyList<T> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }
        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest)) yield return [items[i], .. tail];
        }
    }
}
