using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Features.Monitoring.Alerts;
using Serp.Admin.Tests.TestData;

namespace Serp.Admin.Tests.Integration.Monitoring;

/// <summary>
/// The demo generator's 18 months are a normal store: no rule may fire on them (the order-volume rule on a store busy
/// enough for it to judge every hour: <see cref="OrderVolumeDemoDataTests"/>).
/// </summary>
public sealed class AlertRulesDemoDataTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    private readonly TestOptionsMonitor<AlertsOptions> options = new(new AlertsOptions());

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
