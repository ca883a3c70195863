using Serp.Admin.Features.Customers;

namespace Serp.Bench.Desk;

/// <summary>The customer page (<see cref="CustomerQueries"/>) for a customer with 50 orders, and the customer list.</summary>
public static class CustomerBench
{
    public static async Task RunAsync(CustomerQueries customer, CustomerListQueries list, DeskData data, DeskReport report, int calls, int warmup, CancellationToken ct)
    {
        report.Add(await Timing.MeasureAsync("customer page", $"/customers/{{email}} with {data.Customer50Orders} orders", calls, warmup,
            async (_, token) => (await customer.GetAsync(data.CustomerWith50Orders, token))?.Orders.Count
                ?? throw new InvalidOperationException("the bench customer was not found"), ct), goalP95: 20);
        report.Add(await Timing.MeasureAsync("customer page", "/customers/{email}, customers spread over the table", calls, warmup,
            async (i, token) => (await customer.GetAsync(data.Emails[i % data.Emails.Count], token))?.Orders.Count ?? 0, ct), goalP95: 20);
        foreach (var sort in Enum.GetValues<CustomerSort>())
        {
            report.Add(await Timing.MeasureAsync("customer list", $"/customers sorted by {sort}, {data.Currency}", calls, warmup,
                async (_, token) => (await list.ListAsync(new CustomerListQuery(data.Currency, null, sort), token)).Rows.Count, ct));
        }
    }
}
