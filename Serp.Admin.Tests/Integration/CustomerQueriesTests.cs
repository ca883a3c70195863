using Serp.Admin.Features.Customers;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Disputes;

namespace Serp.Admin.Tests.Integration;

/// <summary>One customer who bought in two currencies under two spellings of the email, and a neighbour.</summary>
public sealed class CustomerQueriesTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly CustomerQueries queries = new(new TestDbContextFactory(database));

    [Fact]
    public async Task Finds_every_row_of_the_email_whatever_its_case_with_lifetime_value_per_currency()
    {
        var first = await SupportCase.ArrangeAsync(database, "Mia.Kern@Example.com", "usd", T0, amount: 4900, refunded: 1000);
        var second = await SupportCase.ArrangeAsync(database, "mia.kern@example.com", "eur", T0.AddDays(3), amount: 9700, refunded: 0,
            disputeStatus: DisputeStatus.Lost);
        var third = await SupportCase.ArrangeAsync(database, "mia.kern@example.com", "usd", T0.AddDays(5), amount: 19700, refunded: 19700);
        var neighbour = await SupportCase.ArrangeAsync(database, "mia.kernel@example.com", "usd", T0.AddDays(1));

        var customer = await queries.GetAsync("MIA.KERN@example.com", CancellationToken.None);

        Assert.NotNull(customer);
        Assert.Equal("mia.kern@example.com", customer.Email);
        Assert.Equal([third.Id, second.Id, first.Id], customer.Orders.Select(o => o.Id));
        Assert.Equal(3, customer.OrderCount);
        Assert.Equal(3, customer.Sessions.Count);
        Assert.Equal(3, customer.Refunds.Count);
        Assert.Equal(3, customer.Disputes.Count);
        Assert.Equal([third.LicenseKey, second.LicenseKey, first.LicenseKey], customer.Licenses.Select(l => l.Key));
        Assert.DoesNotContain(customer.Orders, o => o.Id == neighbour.Id);
        Assert.Equal(T0.AddMinutes(3), customer.FirstPurchaseAt);
        Assert.Equal(T0.AddDays(5).AddMinutes(3), customer.LastPurchaseAt);

        var usd = customer.Value.Single(v => v.Currency == "usd");
        var eur = customer.Value.Single(v => v.Currency == "eur");
        Assert.Equal((2, 24600L, 20700L, 3900L, 0L), (usd.PaidOrders, usd.Gross, usd.Refunded, usd.Net.MinorUnits, usd.LostInDisputes));
        Assert.Equal((1, 9700L, 0L, 9700L, 9700L), (eur.PaidOrders, eur.Gross, eur.Refunded, eur.Net.MinorUnits, eur.LostInDisputes));
    }

    [Fact]
    public async Task An_unknown_email_is_null()
    {
        await SupportCase.ArrangeAsync(database, "known@example.com", "usd", T0);

        Assert.Null(await queries.GetAsync("unknown@example.com", CancellationToken.None));
        Assert.Null(await queries.GetAsync("  ", CancellationToken.None));
    }
}
