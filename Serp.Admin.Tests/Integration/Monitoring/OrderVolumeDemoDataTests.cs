using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Features.Monitoring.Alerts;
using Serp.Admin.Features.Monitoring.Alerts.Rules;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Data;
using Serp.Domain.Demo;
using Serp.Domain.Monitoring;

namespace Serp.Admin.Tests.Integration.Monitoring;

/// <summary>
/// <see cref="Orders"/> demo orders (seed 7, fixed clock): about 11 orders an hour 18 months back and 36 in the last
/// four weeks, a volume at which the order-volume rule judges every hour (its baseline is over <c>MinBaseline</c>).
/// </summary>
public sealed class BusyDemoFixture : IAsyncLifetime
{
    public const int Orders = 200_000;

    public PostgresFixture Database { get; } = new();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        new DemoDataGenerator(TestCatalog.Create(), seed: 7, new FakeTimeProvider(TestCatalog.Now)).Write(Database.DataSource, Orders);
    }

    public Task DisposeAsync() => Database.DisposeAsync();
}

/// <summary>
/// The order-volume rule on a busy demo store: quiet at every hour of its 18 months although awake at each, and open on
/// a broken-checkout hour cut out of otherwise normal data (empty, or down to a tenth), resolved by the next normal hour.
/// </summary>
public sealed class OrderVolumeDemoDataTests(BusyDemoFixture demo) : IClassFixture<BusyDemoFixture>
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly TestOptionsMonitor<AlertsOptions> options = new(new AlertsOptions());

    private OrderVolumeRule Rule => new(options);

    private static Task<int> OrdersInHourBeforeAsync(SerpDbContext db, DateTimeOffset end) =>
        db.Orders.CountAsync(o => o.CreatedAt >= end - Hour && o.CreatedAt < end);

    private static async Task<double> BaselineAsync(SerpDbContext db, DateTimeOffset end)
    {
        var sum = 0;
        for (var week = 1; week <= 4; week++) sum += await OrdersInHourBeforeAsync(db, end.AddDays(-7 * week));
        return sum / 4.0;
    }

    [Fact]
    public async Task Order_volume_judges_every_hour_of_18_months_of_busy_demo_data_and_raises_nothing()
    {
        var minBaseline = options.CurrentValue.Rules.OrderVolume.MinBaseline;
        var checkedHours = 0;
        await using var db = demo.Database.CreateDbContext();
        // Every hour of the last week, then every 13th hour (every hour of the week in turn) back to where 4 weeks of history remain.
        for (var now = TestCatalog.Now; now > TestCatalog.Now.AddDays(-520); now = now.AddHours(now > TestCatalog.Now.AddDays(-7) ? -1 : -13))
        {
            var baseline = await BaselineAsync(db, now);
            Assert.True(baseline >= minBaseline, $"at {now:u} the baseline is {baseline}: the rule would not judge this hour");
            Assert.Empty(await Rule.CheckAsync(db, now, CancellationToken.None));
            checkedHours++;
        }
        Assert.True(checkedHours > 1000, $"{checkedHours} hours checked");
    }

    [Theory]
    [InlineData(0)] // checkout down for the whole hour
    [InlineData(10)] // one order in ten still goes through
    public async Task A_broken_checkout_hour_of_normal_demo_data_opens_order_volume_low_and_the_next_normal_hour_clears_it(int keepOneIn)
    {
        // A Thursday afternoon ten days before the demo's end: an ordinary busy hour.
        var end = new DateTimeOffset(2026, 11, 12, 15, 0, 0, TimeSpan.Zero);
        await using var db = demo.Database.CreateDbContext();
        var normal = await OrdersInHourBeforeAsync(db, end);
        Assert.True(normal >= 20, $"{normal} orders in the hour");
        Assert.Empty(await Rule.CheckAsync(db, end, CancellationToken.None));

        // The break, undone afterwards: the hour's orders that did not go through are moved years away.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var lost = await db.Orders.Where(o => o.CreatedAt >= end - Hour && o.CreatedAt < end).OrderBy(o => o.CreatedAt).Select(o => o.Id).ToListAsync();
        HashSet<Guid> kept = keepOneIn == 0 ? [] : [.. lost.Where((_, i) => i % keepOneIn == 0)];
        var broken = lost.Where(id => !kept.Contains(id)).ToList();
        await db.Orders.Where(o => broken.Contains(o.Id)).ExecuteUpdateAsync(u => u.SetProperty(o => o.CreatedAt, o => o.CreatedAt.AddYears(-5)));

        var condition = Assert.Single(await Rule.CheckAsync(db, end, CancellationToken.None));
        Assert.Equal(("low", AlertSeverity.Critical), (condition.Subject, condition.Severity));
        Assert.Contains($"Only {kept.Count} orders in the last hour", condition.Summary, StringComparison.Ordinal);
        Assert.Empty(await Rule.CheckAsync(db, end + Hour, CancellationToken.None)); // orders came back
        await transaction.RollbackAsync();
    }
}
