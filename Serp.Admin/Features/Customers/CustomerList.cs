using Serp.Domain.Money;

namespace Serp.Admin.Features.Customers;

public enum CustomerSort
{
    NetSpend,
    LastPurchase,
}

/// <summary>Where the previous page ended: the sort value and the email that breaks ties.</summary>
public sealed record CustomerCursor(long Net, DateTimeOffset LastPurchaseAt, string Email);

/// <summary>One page of the customer list: customers who paid in <paramref name="Currency"/>, optionally searched.</summary>
public sealed record CustomerListQuery(string Currency, string? Search, CustomerSort Sort, CustomerCursor? After = null, int PageSize = 50);

public sealed record CustomerListRow(string Email, string? Name, int Orders, Money Gross, Money Refunded, Money Net, DateTimeOffset FirstPurchaseAt, DateTimeOffset LastPurchaseAt)
{
    public CustomerCursor Cursor => new(Net.MinorUnits, LastPurchaseAt, Email);
}

/// <summary>The rows and, when there are more, where the next page starts.</summary>
public sealed record CustomerListPage(IReadOnlyList<CustomerListRow> Rows, CustomerCursor? Next);
