using Microsoft.EntityFrameworkCore;
using Npgsql;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.TestData;

/// <summary>
/// Demo orders plus <see cref="TieCount"/> orders that share one created_at (and one amount), so that paging has
/// ties to break by id; analyzed, so that the planner's estimate is meaningful. Every order is also held in memory
/// (<see cref="All"/>) as the plain reference the queries are compared with.
/// </summary>
public sealed class OrderListFixture : IAsyncLifetime
{
    public const int TieCount = 7;
    public static readonly DateTimeOffset TieTime = new(2026, 10, 1, 9, 30, 0, TimeSpan.Zero);

    public DemoDatabaseFixture Demo { get; } = new();
    public PostgresFixture Database => Demo.Database;
    public IReadOnlyList<Order> All { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Demo.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            for (var i = 0; i < TieCount; i++)
            {
                db.Orders.Add(new Order
                {
                    Id = Guid.NewGuid(), CreatedAt = TieTime, UpdatedAt = TieTime, AmountTotal = 4900, Currency = "usd",
                    OfferId = "offer-templates", LanderId = "lander-tie", CustomerEmail = $"tie{i}@example.com",
                    CustomerName = $"Tie {i}", PaymentStatus = i % 2 == 0 ? PaymentStatus.Paid : PaymentStatus.Refunded,
                    AmountRefunded = i % 2 == 0 ? 0 : 4900, Source = PaymentSource.Stripe,
                });
            }
            await db.SaveChangesAsync();
            All = await db.Orders.AsNoTracking().ToListAsync();
        }
        await using var analyze = Database.DataSource.CreateCommand("ANALYZE orders");
        await analyze.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Demo.DisposeAsync();
}
