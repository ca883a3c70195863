using Serp.Admin.Features.Orders;

namespace Serp.Bench.Desk;

/// <summary>
/// The first page of <c>/orders</c> with its total, for every single filter, and deep pages, through the app's
/// <see cref="OrderQueries"/>; beside the old way (exact count(*) + OFFSET) measured in the same run.
/// </summary>
public static class OrdersBench
{
    public const int PageSize = 25;

    public static async Task RunAsync(OrderQueries queries, NaiveQueries naive, DeskData data, DeskReport report, int calls, int warmup, CancellationToken ct)
    {
        var naiveCalls = Math.Max(5, calls / 10);
        async Task Case(string name, OrderFilter filter, string? column = null, object? value = null)
        {
            var ours = await Timing.MeasureAsync("orders first page + total", name, calls, warmup,
                async (_, token) => (await queries.ListAsync(filter, null, PageSize, token)).Rows.Count, ct,
                note: await TotalText(queries, filter, ct));
            var old = column is null && filter != OrderFilter.Default ? null : await Timing.MeasureAsync("orders", "naive", naiveCalls, 1,
                (_, token) => naive.OffsetPageAsync(column, value, 0, PageSize, token), ct);
            report.Add(ours, old, goalP95: 15);
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Case("no filter", OrderFilter.Default);
        await Case($"status={data.CommonStatus} (most rows)", new OrderFilter { Status = data.CommonStatus }, "payment_status", data.CommonStatus);
        await Case($"status={data.RareStatus} (fewest rows)", new OrderFilter { Status = data.RareStatus }, "payment_status", data.RareStatus);
        await Case("source=paypal", new OrderFilter { Source = "paypal" }, "source", "paypal");
        await Case($"offer={data.Offer}", new OrderFilter { Offer = data.Offer }, "offer_id", data.Offer);
        await Case($"lander={data.Lander}", new OrderFilter { Lander = data.Lander }, "lander_id", data.Lander);
        await Case($"currency={data.Currency}", new OrderFilter { Currency = data.Currency }, "currency", data.Currency);
        await Case($"affiliate={data.Affiliate}", new OrderFilter { Affiliate = data.Affiliate }, "affiliate_id", data.Affiliate);
        await Case("last 7 days", new OrderFilter { From = today.AddDays(-6), To = today.AddDays(1) });
        await Case("amount 50.00–100.00", new OrderFilter { AmountMin = 5000, AmountMax = 10000 });
        await Case("sort=amount", new OrderFilter { Sort = OrderSort.Amount });

        foreach (var page in new[] { 10_000, 20_000 })
        {
            // A smaller database than the deep page (a quick run) has no such page: skip it.
            if (await naive.CursorAtAsync((long)page * PageSize - 1, ct) is not { } row) continue;
            var (at, id) = row;
            var cursor = new OrderCursor(false, OrderCursor.ToMicroseconds(at), id);
            var seek = await Timing.MeasureAsync("orders deep page", $"page {page:N0} by keyset seek (+ total)", calls, warmup,
                async (_, token) => (await queries.ListAsync(OrderFilter.Default, cursor, PageSize, token)).Rows.Count, ct);
            var offset = await Timing.MeasureAsync("orders deep page", "naive", naiveCalls, 1,
                (_, token) => naive.OffsetPageAsync(null, null, page, PageSize, token), ct);
            report.Add(seek, offset, goalP95: 15);
        }
        report.Add(await Timing.MeasureAsync("orders deep page", "oldest page (+ total)", calls, warmup,
            async (_, token) => (await queries.ListAsync(OrderFilter.Default, OrderCursor.Last, PageSize, token)).Rows.Count, ct), goalP95: 15);

        report.Add(await Timing.MeasureAsync("orders totals per currency", "status=disputed (exact set)", Math.Max(5, calls / 10), 1,
            async (_, token) => (await queries.TotalsAsync(new OrderFilter { Status = data.RareStatus }, token)).Count, ct));
    }

    private static async Task<string> TotalText(OrderQueries queries, OrderFilter filter, CancellationToken ct)
    {
        var total = await queries.CountAsync(filter, ct);
        return total.Exact ? $"{total.Value:N0}" : $"about {total.Value:N0}";
    }
}
