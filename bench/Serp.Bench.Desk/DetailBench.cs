using Serp.Admin.Features.Orders.Detail;

namespace Serp.Bench.Desk;

/// <summary>
/// The order page's reads (<see cref="OrderDetailQueries"/>: the order, then one batch) for orders spread over the
/// table, beside the same reads as one query per kind of row, a round trip each.
/// </summary>
public static class DetailBench
{
    public static async Task RunAsync(OrderDetailQueries detail, NaiveQueries naive, DeskData data, DeskReport report, int calls, int warmup, CancellationToken ct)
    {
        var oneQueryPerKind = await Timing.MeasureAsync("order page", "naive", calls, warmup,
            (i, token) => naive.OrderOneQueryPerKindAsync(data.OrderIds[i % data.OrderIds.Count], token), ct);
        report.Add(await Timing.MeasureAsync("order page", "/orders/{id}: order, session, failures, refunds, disputes, licenses, audit, notes, events",
            calls, warmup, async (i, token) =>
            {
                var order = await detail.GetAsync(data.OrderIds[i % data.OrderIds.Count], token)
                    ?? throw new InvalidOperationException("a sampled order was not found");
                return order.Timeline.Refunds.Count + order.Timeline.Licenses.Count + 1;
            }, ct), oneQueryPerKind, goalP95: 20);
    }
}
