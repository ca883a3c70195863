using Serp.Admin.Features.Orders;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.Integration;

/// <summary>
/// The /orders query service on real PostgreSQL, compared with a plain in-memory ORDER BY over every order. Each
/// filter is first shown to have matching and non-matching orders, so no assertion passes on an empty set.
/// </summary>
public sealed class OrderQueriesTests(OrderListFixture data) : IClassFixture<OrderListFixture>
{
    private readonly OrderQueries queries = new(new TestDbContextFactory(data.Database));

    public static TheoryData<string> Filters => new()
    {
        "status", "source", "offer", "lander", "currency", "affiliate", "dates", "amount", "combined",
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_pages_through_exactly_the_matching_orders_and_counts_them(string name)
    {
        var filter = FilterNamed(name);
        var expected = Reference(filter);
        Assert.InRange(expected.Count, 2, data.All.Count - 1);

        var walked = await WalkForwardAsync(filter, pageSize: 50);

        Assert.Equal(expected.Select(o => o.Id), walked);
        Assert.Equal(new OrderTotal(expected.Count, true), await queries.CountAsync(filter, CancellationToken.None));
    }

    [Theory]
    [InlineData(OrderSort.CreatedAt, true)]
    [InlineData(OrderSort.CreatedAt, false)]
    [InlineData(OrderSort.Amount, true)]
    [InlineData(OrderSort.Amount, false)]
    public async Task Keyset_paging_walks_every_order_once_forwards_and_backwards(OrderSort sort, bool descending)
    {
        var filter = new OrderFilter { Sort = sort, Descending = descending };
        var expected = Reference(filter).Select(o => o.Id).ToList();
        Assert.Equal(data.All.Count, expected.Count);

        var forwards = await WalkForwardAsync(filter, pageSize: 100);
        var backwards = await WalkBackwardAsync(filter, pageSize: 100);

        Assert.Equal(expected, forwards);
        Assert.Equal(expected, backwards);
    }

    [Fact]
    public async Task Orders_with_the_same_created_at_are_ordered_by_id_across_page_boundaries()
    {
        var filter = new OrderFilter { Lander = "lander-tie" };
        var expected = data.All.Where(o => o.CreatedAt == OrderListFixture.TieTime)
            .OrderByDescending(o => o.Id.ToString(), StringComparer.Ordinal).Select(o => o.Id).ToList();
        Assert.Equal(OrderListFixture.TieCount, expected.Count);

        Assert.Equal(expected, await WalkForwardAsync(filter, pageSize: 2));
        Assert.Equal(expected, await WalkBackwardAsync(filter, pageSize: 3));
    }

    [Fact]
    public async Task The_first_page_offers_no_previous_page_and_the_last_no_next()
    {
        var first = await queries.PageAsync(OrderFilter.Default, null, 25, CancellationToken.None);
        var last = await queries.PageAsync(OrderFilter.Default, OrderCursor.Last, 25, CancellationToken.None);

        Assert.Equal(25, first.Rows.Count);
        Assert.Null(first.Previous);
        Assert.NotNull(first.Next);
        Assert.Equal(25, last.Rows.Count);
        Assert.Null(last.Next);
        Assert.NotNull(last.Previous);
        Assert.Equal(Reference(OrderFilter.Default)[^1].Id, last.Rows[^1].Id);
    }

    [Fact]
    public async Task A_page_back_to_the_start_is_a_full_first_page()
    {
        var first = await queries.PageAsync(OrderFilter.Default, null, 25, CancellationToken.None);
        var nearStart = OrderCursor.BeforeRow(first.Rows[10], OrderSort.CreatedAt);

        var back = await queries.PageAsync(OrderFilter.Default, nearStart, 25, CancellationToken.None);

        Assert.Equal(first.Rows.Select(r => r.Id), back.Rows.Select(r => r.Id));
        Assert.Null(back.Previous);
    }

    [Fact]
    public async Task Beyond_the_cap_the_total_is_the_planners_estimate_and_says_so()
    {
        var capped = new OrderQueries(new TestDbContextFactory(data.Database), exactCountCap: 100);
        var small = new OrderFilter { Affiliate = MostCommon(o => o.AffiliateId) };
        var smallCount = Reference(small).Count;
        Assert.InRange(smallCount, 2, 100);

        var estimated = await capped.CountAsync(OrderFilter.Default, CancellationToken.None);
        var exact = await capped.CountAsync(small, CancellationToken.None);

        Assert.False(estimated.Exact);
        Assert.InRange(estimated.Value, data.All.Count * 8L / 10, data.All.Count * 12L / 10);
        Assert.Equal(new OrderTotal(smallCount, true), exact);
    }

    [Fact]
    public async Task Totals_are_per_currency_and_count_only_paid_orders_as_gross()
    {
        var filter = new OrderFilter { Source = PaymentSource.PayPal };
        var matching = Reference(filter);
        Assert.True(matching.Select(o => o.Currency).Distinct().Count() > 1);
        Assert.Contains(matching, o => o.PaymentStatus is PaymentStatus.Pending or PaymentStatus.Failed);
        var expected = matching.GroupBy(o => o.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CurrencyTotals(g.Key, g.Count(),
                g.Where(o => o.PaymentStatus is not (PaymentStatus.Pending or PaymentStatus.Failed)).Sum(o => o.AmountTotal),
                g.Sum(o => o.AmountRefunded)))
            .ToList();

        var totals = await queries.TotalsAsync(filter, CancellationToken.None);

        Assert.Equal(expected, totals);
    }

    [Fact]
    public async Task Dates_are_whole_days_of_the_operators_zone()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(OrderListFixture.TieTime, tokyo).DateTime);
        var filter = new OrderFilter { From = day, To = day.AddDays(1), Zone = tokyo };
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9));
        var expected = data.All.Count(o => o.CreatedAt >= start && o.CreatedAt < start.AddDays(1));
        Assert.True(expected >= OrderListFixture.TieCount);

        Assert.Equal(new OrderTotal(expected, true), await queries.CountAsync(filter, CancellationToken.None));
    }

    private OrderFilter FilterNamed(string name)
    {
        var sample = data.All.OrderBy(o => o.CreatedAt).ElementAt(data.All.Count / 2);
        return name switch
        {
            "status" => new OrderFilter { Status = PaymentStatus.Refunded },
            "source" => new OrderFilter { Source = PaymentSource.PayPal },
            "offer" => new OrderFilter { Offer = "offer-bundle" },
            "lander" => new OrderFilter { Lander = MostCommon(o => o.LanderId) },
            "currency" => new OrderFilter { Currency = "eur" },
            "affiliate" => new OrderFilter { Affiliate = MostCommon(o => o.AffiliateId) },
            "dates" => new OrderFilter { From = DateOnly.FromDateTime(sample.CreatedAt.UtcDateTime), To = DateOnly.FromDateTime(sample.CreatedAt.UtcDateTime).AddDays(30) },
            "amount" => new OrderFilter { AmountMin = 4900, AmountMax = 9700, Sort = OrderSort.Amount },
            _ => new OrderFilter { Source = PaymentSource.Stripe, Currency = "usd", AmountMin = 5000, Descending = false },
        };
    }

    private string MostCommon(Func<Order, string?> key) =>
        data.All.Select(key).Where(v => v is not null).GroupBy(v => v).OrderByDescending(g => g.Count()).First().Key!;

    /// <summary>The filter and sort done the plain way, in memory (ids compare as PostgreSQL's uuid does: bytewise).</summary>
    private List<Order> Reference(OrderFilter f)
    {
        var rows = data.All.Where(o =>
            (f.Status is null || o.PaymentStatus == f.Status) && (f.Source is null || o.Source == f.Source)
            && (f.Offer is null || o.OfferId == f.Offer) && (f.Lander is null || o.LanderId == f.Lander)
            && (f.Currency is null || o.Currency == f.Currency) && (f.Affiliate is null || o.AffiliateId == f.Affiliate)
            && (f.FromUtc is null || o.CreatedAt >= f.FromUtc) && (f.ToUtc is null || o.CreatedAt < f.ToUtc)
            && (f.AmountMin is null || o.AmountTotal >= f.AmountMin) && (f.AmountMax is null || o.AmountTotal <= f.AmountMax));
        var ordered = f.Sort == OrderSort.Amount
            ? rows.OrderBy(o => o.AmountTotal).ThenBy(o => o.Id.ToString(), StringComparer.Ordinal)
            : rows.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id.ToString(), StringComparer.Ordinal);
        var list = ordered.ToList();
        if (f.Descending) list.Reverse();
        return list;
    }

    private async Task<List<Guid>> WalkForwardAsync(OrderFilter filter, int pageSize)
    {
        var ids = new List<Guid>();
        OrderCursor? cursor = null;
        do
        {
            var page = await queries.PageAsync(filter, cursor, pageSize, CancellationToken.None);
            Assert.True(page.Rows.Count <= pageSize);
            ids.AddRange(page.Rows.Select(r => r.Id));
            cursor = page.Next;
        } while (cursor is not null && ids.Count <= data.All.Count);
        return ids;
    }

    private async Task<List<Guid>> WalkBackwardAsync(OrderFilter filter, int pageSize)
    {
        var pages = new List<IEnumerable<Guid>>();
        OrderCursor? cursor = OrderCursor.Last;
        var seen = 0;
        while (cursor is not null && seen <= data.All.Count)
        {
            var page = await queries.PageAsync(filter, cursor, pageSize, CancellationToken.None);
            pages.Insert(0, page.Rows.Select(r => r.Id));
            seen += page.Rows.Count;
            cursor = page.Previous;
        }
        // The walk back ends on a full first page, which may repeat rows of the page after it.
        return pages.SelectMany(p => p).Distinct().ToList();
    }
}
