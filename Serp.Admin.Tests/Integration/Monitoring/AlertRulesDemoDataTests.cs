using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Features.Monitoring.Alerts;
using Serp.Admin.Features.Monitoring.Alerts.Rules;
using Serp.Admin.Tests.TestData;

namespace Serp.Admin.Tests.Integration.Monitoring;

/// <summary>The demo generator's 18 months are a normal store: no rule may fire on them.</summary>
public sealed class AlertRulesDemoDataTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    private readonly TestOptionsMonitor<AlertsOptions> options = new(new AlertsOptions());

    [Fact]
    public async Task Order_volume_raises_nothing_at_any_hour_of_the_demo_data()
    {
        var rule = new OrderVolumeRule(options);
        var checkedHours = 0;
        // Every hour of the last week, then every 13th hour back to the start of the 18 months (every hour of the week in turn).
        await using var db = demo.Database.CreateDbContext();
        for (var now = TestCatalog.Now; now > TestCatalog.Now.AddDays(-548); now = now.AddHours(now > TestCatalog.Now.AddDays(-7) ? -1 : -13))
        {
            Assert.Empty(await rule.CheckAsync(db, now, CancellationToken.None));
            checkedHours++;
        }
        Assert.True(checkedHours > 1000, $"{checkedHours} hours checked");
    }

    [Fact]
    public async Task No_rule_fires_during_a_normal_week_of_demo_data()
    {
        Assert.True(demo.Result.Orders >= DemoDatabaseFixture.Orders);
        var time = new FakeTimeProvider(TestCatalog.Now.AddDays(-7));
        var evaluator = new AlertEvaluator(new TestDbContextFactory(demo.Database), AlertSeed.Rules(options), time,
            NullLogger<AlertEvaluator>.Instance);
        for (var hour = 0; hour < 7 * 24; hour += 3)
        {
            var round = await evaluator.EvaluateAsync(CancellationToken.None);
            Assert.Equal(new AlertRound(0, 0), round);
            time.Advance(TimeSpan.FromHours(3));
        }
    }
}
