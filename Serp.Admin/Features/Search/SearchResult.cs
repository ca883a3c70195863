namespace Serp.Admin.Features.Search;

/// <summary>An order that matched: enough to recognise it in a list and to refund from it.</summary>
public sealed record OrderMatch(
    Guid Id,
    DateTimeOffset CreatedAt,
    string? CustomerEmail,
    string? CustomerName,
    Domain.Money.Money Amount,
    long AmountRefunded,
    string PaymentStatus,
    string Source)
{
    public string Url => SearchLinks.Order(Id);
}

/// <summary>A customer (one email, case-insensitive) among the matching orders, with all their orders counted.</summary>
public sealed record CustomerMatch(string Email, string? Name, int OrderCount, DateTimeOffset LastOrderAt)
{
    public string Url => SearchLinks.Customer(Email);
}

/// <summary>A license found by its key.</summary>
public sealed record LicenseMatch(string Key, string ProductId, string Status, Guid OrderId, DateTimeOffset IssuedAt)
{
    public string Url => SearchLinks.Order(OrderId);
}

/// <summary>A refund found by its provider id; <see cref="OrderId"/> is null while its order is unknown.</summary>
public sealed record RefundMatch(string ProviderRefundId, Guid? OrderId, Domain.Money.Money Amount, string Status,
    DateTimeOffset CreatedAt)
{
    public string? Url => OrderId is { } id ? SearchLinks.Order(id) : null;
}

/// <summary>A dispute found by its provider id; <see cref="OrderId"/> is null while its order is unknown.</summary>
public sealed record DisputeMatch(string ProviderDisputeId, Guid? OrderId, Domain.Money.Money Amount, string Status,
    DateTimeOffset? EvidenceDueBy)
{
    public string? Url => OrderId is { } id ? SearchLinks.Order(id) : null;
}

/// <summary>
/// What a search found, grouped by kind. <see cref="ExactOrderId"/> is set when the input was an exact id (ours, a
/// provider's, a license key) that resolved to exactly one order: callers jump straight to it.
/// </summary>
public sealed record SearchResult(
    SearchQuery Query,
    Guid? ExactOrderId,
    IReadOnlyList<OrderMatch> Orders,
    IReadOnlyList<CustomerMatch> Customers,
    IReadOnlyList<LicenseMatch> Licenses,
    IReadOnlyList<RefundMatch> Refunds,
    IReadOnlyList<DisputeMatch> Disputes)
{
    public static SearchResult None(SearchQuery query) => new(query, null, [], [], [], [], []);

    public bool IsEmpty => Orders.Count == 0 && Customers.Count == 0 && Licenses.Count == 0 && Refunds.Count == 0
        && Disputes.Count == 0;
}

/// <summary>The pages a match links to (contract paths).</summary>
public static class SearchLinks
{
    public static string Order(Guid id) => "/orders/" + id.ToString("D");

    public static string Customer(string email) => "/customers/" + Uri.EscapeDataString(email);
}
