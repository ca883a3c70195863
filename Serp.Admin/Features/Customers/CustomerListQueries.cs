using Microsoft.EntityFrameworkCore;
using Serp.Admin.Features.Search;
using Serp.Domain.Data;
using Serp.Domain.Money;

namespace Serp.Admin.Features.Customers;

/// <summary>
/// The customer list over the <c>customer_totals</c> rollup (docs/decisions/0011): one currency at a time, sorted by
/// net spend or last purchase, keyset-paged with a row-value seek on the (currency, value, email) indexes.
/// </summary>
public sealed class CustomerListQueries(IDbContextFactory<SerpDbContext> dbFactory)
{
    public const int MaxPageSize = 200;

    public async Task<CustomerListPage> ListAsync(CustomerListQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var search = query.Search?.Trim().ToLowerInvariant();
        var prefix = SearchQuery.EscapeLike(search ?? "") + "%";
        var fragment = "%" + SearchQuery.EscapeLike(search ?? "") + "%";
        // Raw SQL so each predicate reads exactly as its index is written: the start of the email (text_pattern_ops),
        // or a fragment of the name anywhere (trigram on lower(customer_name)).
        var rows = (string.IsNullOrEmpty(search)
                ? db.CustomerTotals
                : search.Contains('@', StringComparison.Ordinal)
                    ? db.CustomerTotals.FromSql($"SELECT * FROM customer_totals WHERE email LIKE {prefix}")
                    : db.CustomerTotals.FromSql($"SELECT * FROM customer_totals WHERE email LIKE {prefix} OR lower(customer_name) LIKE {fragment}"))
            .AsNoTracking().Where(t => t.Currency == query.Currency);

        var after = query.After;
        rows = query.Sort == CustomerSort.NetSpend
            ? (after is null ? rows : rows.Where(t => EF.Functions.LessThan(ValueTuple.Create(t.Net, t.Email), ValueTuple.Create(after.Net, after.Email))))
                .OrderByDescending(t => t.Net).ThenByDescending(t => t.Email)
            : (after is null ? rows : rows.Where(t => EF.Functions.LessThan(ValueTuple.Create(t.LastPurchaseAt, t.Email), ValueTuple.Create(after.LastPurchaseAt, after.Email))))
                .OrderByDescending(t => t.LastPurchaseAt).ThenByDescending(t => t.Email);

        var page = await rows.Take(size + 1)
            .Select(t => new CustomerListRow(t.Email, t.CustomerName, t.Orders, new Money(t.Gross, t.Currency), new Money(t.Refunded, t.Currency),
                new Money(t.Net, t.Currency), t.FirstPurchaseAt, t.LastPurchaseAt))
            .ToListAsync(ct);
        return page.Count > size ? new CustomerListPage(page.GetRange(0, size), page[size - 1].Cursor) : new CustomerListPage(page, null);
    }

    /// <summary>The currencies customers paid in, via a skip scan of the (currency, …) index: a handful of probes, not a full scan.</summary>
    public async Task<IReadOnlyList<string>> CurrenciesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.SqlQueryRaw<string>("""
            WITH RECURSIVE c AS (
                SELECT min(currency) AS currency FROM customer_totals
                UNION ALL
                SELECT (SELECT min(currency) FROM customer_totals WHERE currency > c.currency) FROM c WHERE c.currency IS NOT NULL)
            SELECT currency AS "Value" FROM c WHERE currency IS NOT NULL
            """).ToListAsync(ct);
    }
}
