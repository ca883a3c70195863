using Npgsql;
using Serp.Admin.Features.Analytics;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Disputes;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.Integration.Analytics;

/// <summary>The customer rollups kept by the triggers, on a small store whose every figure is known by hand.</summary>
public sealed class CustomerRollupTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private static readonly AnalyticsFilter Summer = new()
    {
        From = new DateOnly(2025, 6, 1), To = new DateOnly(2025, 9, 1), Granularity = Granularity.Month,
    };

    private static Order Paid(string email, DateTimeOffset at, long amount, long refunded = 0) => new()
    {
        Id = Guid.NewGuid(), CustomerEmail = email, Currency = "usd", AmountTotal = amount, AmountRefunded = refunded,
        PaymentStatus = PaymentStatus.Paid, Source = PaymentSource.Stripe, CreatedAt = at, UpdatedAt = at, PaidAt = at,
    };

    [Fact]
    public async Task A_customer_who_buys_again_is_returning_and_their_value_nets_refunds_and_lost_disputes()
    {
        var june = Paid("alice@example.com", new DateTimeOffset(2025, 6, 5, 10, 0, 0, TimeSpan.Zero), 100_00, refunded: 20_00);
        var august = Paid("ALICE@example.com", new DateTimeOffset(2025, 8, 10, 9, 0, 0, TimeSpan.Zero), 50_00);
        var bob = Paid("bob@example.com", new DateTimeOffset(2025, 8, 11, 23, 0, 0, TimeSpan.Zero), 30_00);
        var unpaid = Paid("alice@example.com", new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.Zero), 70_00);
        unpaid.PaidAt = null;
        unpaid.PaymentStatus = PaymentStatus.Pending;
        await using (var db = database.CreateDbContext())
        {
            db.Orders.AddRange(june, august, bob, unpaid);
            db.Disputes.Add(new Dispute
            {
                Id = Guid.NewGuid(), OrderId = august.Id, Source = PaymentSource.Stripe, ProviderDisputeId = "dp_summer",
                Amount = 50_00, Currency = "usd", Status = DisputeStatus.Lost, ObservedAt = bob.CreatedAt, CreatedAt = bob.CreatedAt,
                UpdatedAt = bob.CreatedAt,
            });
            await db.SaveChangesAsync();
        }
        var queries = new CustomerQueries(new AnalyticsDatabase(database.DataSource));

        var figures = await queries.LoadAsync(Summer, "usd", CancellationToken.None);

        Assert.Equal([new BuyersInBucket(1, 0, 100_00, 0), BuyersInBucket.Zero, new BuyersInBucket(1, 1, 30_00, 50_00)], figures.Buyers);
        Assert.Equal(2, figures.Cohorts.Count);
        Assert.Equal([new CohortCell(1, 1, 80_00), CohortCell.Zero, new CohortCell(1, 1, 0)], figures.Cohorts[0].Cells);
        Assert.Equal([new CohortCell(1, 1, 30_00)], figures.Cohorts[1].Cells);
        Assert.Equal([new LifetimeValue("usd", 2, 110_00, 55_00, 55_00)], figures.Values);

        // A fix moves the August order to another customer: Alice bought once, Carol is new in August.
        await ExecuteAsync("UPDATE orders SET customer_email = 'carol@example.com' WHERE id = $1", august.Id);
        figures = await queries.LoadAsync(Summer, "usd", CancellationToken.None);
        Assert.Equal(new BuyersInBucket(2, 0, 80_00, 0), figures.Buyers[2]);
        Assert.Equal([new CohortCell(1, 1, 80_00), CohortCell.Zero, CohortCell.Zero], figures.Cohorts[0].Cells);
        Assert.Equal(new CohortCell(2, 2, 30_00), figures.Cohorts[1].Cells[0]);

        // The dispute is won after all, and the July order is paid: Alice is returning in July, worth $150 to date.
        await ExecuteAsync("UPDATE disputes SET status = 'won' WHERE provider_dispute_id = 'dp_summer'", null);
        await ExecuteAsync("UPDATE orders SET paid_at = created_at, payment_status = 'paid' WHERE id = $1", unpaid.Id);
        figures = await queries.LoadAsync(Summer, "usd", CancellationToken.None);
        Assert.Equal(new BuyersInBucket(0, 1, 0, 70_00), figures.Buyers[1]);
        Assert.Equal(new CohortCell(2, 2, 80_00), figures.Cohorts[1].Cells[0]);
        Assert.Equal([new LifetimeValue("usd", 3, 230_00, 76_66, 50_00)], figures.Values);
    }

    private async Task ExecuteAsync(string sql, Guid? id)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        if (id is not null) command.Parameters.Add(new NpgsqlParameter { Value = id.Value });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
