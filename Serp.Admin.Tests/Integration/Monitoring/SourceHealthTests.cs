using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Features.Monitoring.Health;
using Serp.Admin.Tests.TestData;

namespace Serp.Admin.Tests.Integration.Monitoring;

public sealed class SourceHealthTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Health_counts_each_providers_events_and_verification_failures_per_hour_of_the_last_day()
    {
        var now = new DateTimeOffset(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);
        var seed = new AlertSeed(database);
        await seed.ResetAsync();
        // Stripe: 3 events in the current hour, 2 eleven hours ago, 1 two days ago (outside). PayPal: none.
        await seed.EventsAsync("stripe", now.AddMinutes(-20), now, TimeSpan.FromMinutes(7));
        await seed.EventsAsync("stripe", now.AddHours(-11).AddMinutes(-25), now.AddHours(-11).AddMinutes(-15), TimeSpan.FromMinutes(5));
        await seed.EventsAsync("stripe", now.AddDays(-2), now.AddDays(-2).AddMinutes(1), TimeSpan.FromMinutes(5));
        await seed.RefusalsAsync("stripe", "bad_signature", now.AddMinutes(-2), 4);
        await seed.RefusalsAsync("stripe", "malformed", now.AddMinutes(-2), 9);
        await seed.RefusalsAsync("paypal", "verification_failed", now.AddHours(-3), 2);

        var health = await new SourceHealthQueries(new TestDbContextFactory(database), new FakeTimeProvider(now)).LastDayAsync(CancellationToken.None);

        var stripe = health.Single(h => h.Provider == "stripe");
        Assert.Equal(24, stripe.EventsPerHour.Count);
        Assert.Equal(3, stripe.EventsPerHour[23]);
        Assert.Equal(2, stripe.EventsPerHour[12]);
        Assert.Equal(5, stripe.EventsPerHour.Sum());
        Assert.Equal(4, stripe.VerificationFailuresPerHour[23]);
        Assert.Equal(4, stripe.VerificationFailuresPerHour.Sum());
        Assert.Equal(now.AddMinutes(-20).AddMinutes(14), stripe.LastEvent);
        var paypal = health.Single(h => h.Provider == "paypal");
        Assert.Null(paypal.LastEvent);
        Assert.Equal(0, paypal.EventsPerHour.Sum());
        Assert.Equal(2, paypal.VerificationFailuresPerHour[20]);
    }
}
