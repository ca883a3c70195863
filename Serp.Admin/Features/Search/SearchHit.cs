using Serp.Admin.Components.Shared;

namespace Serp.Admin.Features.Search;

/// <summary>One line of the results list: a match of any kind, flattened so the keyboard can walk all groups.</summary>
public sealed record SearchHit(
    string Group,
    string Url,
    string Title,
    string? Detail,
    Domain.Money.Money? Amount = null,
    string? Status = null,
    DateTimeOffset? At = null)
{
    public const string Orders = "Orders";
    public const string Customers = "Customers";
    public const string Licenses = "Licenses";
    public const string Refunds = "Refunds";
    public const string Disputes = "Disputes";

    /// <summary>Every match that has somewhere to go, grouped in a fixed order.</summary>
    public static IReadOnlyList<SearchHit> From(SearchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var options = new List<SearchHit>();
        options.AddRange(result.Customers.Select(c => new SearchHit(Customers, c.Url, c.Email,
            $"{c.Name ?? "No name"} · {c.OrderCount} {(c.OrderCount == 1 ? "order" : "orders")}", At: c.LastOrderAt)));
        options.AddRange(result.Orders.Select(o => new SearchHit(Orders, o.Url, o.CustomerName ?? o.CustomerEmail ?? "No customer",
            $"{o.CustomerEmail ?? "no email"} · {SourceLabel(o.Source)} · {o.Id.ToString("D")[..8]}", o.Amount,
            o.PaymentStatus, o.CreatedAt)));
        options.AddRange(result.Licenses.Select(l => new SearchHit(Licenses, l.Url, l.Key, $"{l.ProductId} · {l.Status}",
            At: l.IssuedAt)));
        options.AddRange(result.Refunds.Where(r => r.Url is not null).Select(r => new SearchHit(Refunds, r.Url!,
            r.ProviderRefundId, "Refund " + r.Status.Replace('_', ' '), r.Amount, At: r.CreatedAt)));
        options.AddRange(result.Disputes.Where(d => d.Url is not null).Select(d => new SearchHit(Disputes, d.Url!,
            d.ProviderDisputeId, "Dispute " + StatusChip.Label(d.Status).ToLowerInvariant(), d.Amount, At: d.EvidenceDueBy)));
        return options;
    }

    private static string SourceLabel(string source) => source == Domain.Orders.PaymentSource.PayPal ? "PayPal" : "Stripe";
}
