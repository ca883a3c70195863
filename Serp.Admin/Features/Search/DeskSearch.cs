using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;
using Serp.Domain.Orders;

namespace Serp.Admin.Features.Search;

/// <summary>
/// The support desk's one search: classifies the input (<see cref="SearchQuery.Classify"/>) and runs only the
/// queries that can match it, each through its index. Exact ids resolve through unique indexes; emails through the
/// <c>lower(customer_email)</c> prefix btree; fragments of names and emails through the trigram GIN indexes.
/// The input is never logged (it is often a customer's email).
/// </summary>
public sealed partial class DeskSearch(IDbContextFactory<SerpDbContext> dbFactory, ILogger<DeskSearch> logger)
{
    public const int MaxLimitPerGroup = 50;

    // Customers are grouped from the newest matching orders: read a few more orders than are shown, so that one
    // customer's many orders do not hide every other customer.
    private const int CustomerSampleFactor = 4;

    public Task<SearchResult> SearchAsync(string? input, int limitPerGroup, CancellationToken ct) =>
        SearchAsync(SearchQuery.Classify(input), limitPerGroup, ct);

    public async Task<SearchResult> SearchAsync(SearchQuery query, int limitPerGroup, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limitPerGroup);
        var limit = Math.Min(limitPerGroup, MaxLimitPerGroup);
        if (query.Kind == SearchKind.Empty) return SearchResult.None(query);

        var started = Stopwatch.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var result = query.IsExactId ? await ExactIdSearch.RunAsync(db, query, limit, ct) : SearchResult.None(query);
        if (query.EmailPrefix || query.EmailFragment || query.NameFragment)
        {
            result = await AddTextMatchesAsync(db, query, result, limit, ct);
        }
        LogSearched(logger, query.Kind, result.Orders.Count, result.Customers.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private static async Task<SearchResult> AddTextMatchesAsync(SerpDbContext db, SearchQuery query, SearchResult result,
        int limit, CancellationToken ct)
    {
        // Ids first, reading only columns of ix_orders_search_recent (an index-only scan where matches are common),
        // then the rows of those ids by primary key.
        var ids = await TextMatches(db, query)
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Take(limit * CustomerSampleFactor)
            .Select(o => o.Id)
            .ToListAsync(ct);
        var sample = ids.Count == 0 ? new List<OrderMatch>() : await db.Orders.AsNoTracking()
            .Where(o => ids.Contains(o.Id))
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Select(ExactIdSearch.ToMatch)
            .ToListAsync(ct);
        var customers = await CustomersOfAsync(db, sample, limit, ct);
        var orders = result.Orders.Concat(sample).DistinctBy(o => o.Id).Take(limit).ToList();
        return result with { Orders = orders, Customers = customers };
    }

    // Raw SQL so that each predicate reads exactly as its expression index is written (lower(...), LIKE with
    // PostgreSQL's default backslash escape, which SearchQuery.EscapeLike uses). Npgsql sends unnamed statements,
    // which PostgreSQL plans with the parameter values: the prefix btree and the trigram indexes see the pattern.
    private static IQueryable<Order> TextMatches(SerpDbContext db, SearchQuery query)
    {
        var term = SearchQuery.EscapeLike(query.Term.ToLowerInvariant());
        var fragment = "%" + term + "%";
        var orders = (query.EmailFragment, query.NameFragment) switch
        {
            (true, true) => db.Orders.FromSql(
                $"SELECT * FROM orders WHERE lower(customer_email) LIKE {fragment} OR lower(customer_name) LIKE {fragment}"),
            (true, false) => db.Orders.FromSql($"SELECT * FROM orders WHERE lower(customer_email) LIKE {fragment}"),
            (false, true) => db.Orders.FromSql($"SELECT * FROM orders WHERE lower(customer_name) LIKE {fragment}"),
            _ => db.Orders.FromSql($"SELECT * FROM orders WHERE lower(customer_email) LIKE {term + "%"}"),
        };
        return orders.AsNoTracking();
    }

    /// <summary>Distinct emails of the sample, newest first, with every order of each counted (not only matches).</summary>
    private static async Task<IReadOnlyList<CustomerMatch>> CustomersOfAsync(SerpDbContext db,
        IReadOnlyList<OrderMatch> sample, int limit, CancellationToken ct)
    {
        var newest = sample
            .Where(o => !string.IsNullOrEmpty(o.CustomerEmail))
            .GroupBy(o => o.CustomerEmail!.ToLowerInvariant())
            .Take(limit)
            .Select(g => (Email: g.Key, g.First().CustomerName))
            .ToList();
        if (newest.Count == 0) return [];

        var emails = newest.Select(c => c.Email).ToArray();
        var totals = await db.Database.SqlQuery<CustomerTotal>($"""
            SELECT lower(customer_email) AS email, count(*)::int AS orders, max(created_at) AS last_order_at
            FROM orders WHERE lower(customer_email) = ANY({emails}) GROUP BY 1
            """).ToDictionaryAsync(t => t.Email, ct);
        return newest
            .Where(c => totals.ContainsKey(c.Email))
            .Select(c => new CustomerMatch(c.Email, c.CustomerName, totals[c.Email].Orders, totals[c.Email].LastOrderAt))
            .ToList();
    }

    private sealed record CustomerTotal(string Email, int Orders, DateTimeOffset LastOrderAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Desk search ({Kind}): {Orders} orders, {Customers} customers in {ElapsedMs:F1} ms")]
    private static partial void LogSearched(ILogger logger, SearchKind kind, int orders, int customers, double elapsedMs);
}
