using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Features.Monitoring.Alerts;
using Serp.Admin.Integrations.Slack;
using Serp.Admin.Tests.Fakes.Slack;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Tests.Integration.Monitoring;

public sealed class SlackFixture : IAsyncLifetime
{
    public PostgresFixture Database { get; } = new();
    public FakeSlack Slack { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Slack = await FakeSlack.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Slack.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>The Slack side of alerts against a local stand-in of an incoming webhook.</summary>
public sealed class AlertSlackTests(SlackFixture fixture) : IClassFixture<SlackFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 14, 0, 0, TimeSpan.Zero);
    private readonly AlertSeed seed = new(fixture.Database);
    private readonly FakeTimeProvider time = new(Now);

    public async Task InitializeAsync()
    {
        fixture.Slack.Reset();
        await seed.ResetAsync();
        seed.Options.CurrentValue.SlackWebhookUrl = fixture.Slack.WebhookUrl;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private AlertNotifier Notifier() => new(new TestDbContextFactory(fixture.Database), new SlackClient(new PlainHttpClientFactory()),
        seed.Options, time, NullLogger<AlertNotifier>.Instance);

    private async Task FailedEventAsync(bool present)
    {
        await using var db = fixture.Database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("TRUNCATE webhook_events");
        if (!present) return;
        db.WebhookEvents.Add(AlertSeed.Event("stripe", time.GetUtcNow(), WebhookEventStatus.Failed));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task One_message_when_an_alert_opens_and_one_when_it_resolves_however_often_the_rules_run()
    {
        await FailedEventAsync(present: true);
        for (var round = 0; round < 3; round++)
        {
            await seed.Evaluator(time).EvaluateAsync(CancellationToken.None);
            await Notifier().SendDueAsync(CancellationToken.None);
            time.Advance(TimeSpan.FromMinutes(1));
        }
        var opened = Assert.Single(fixture.Slack.Messages);
        Assert.StartsWith(":rotating_light: *Webhook events stuck* (critical): 1 webhook event has failed", opened);
        Assert.Contains("/monitoring", opened);

        await FailedEventAsync(present: false);
        for (var round = 0; round < 3; round++)
        {
            await seed.Evaluator(time).EvaluateAsync(CancellationToken.None);
            await Notifier().SendDueAsync(CancellationToken.None);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(2, fixture.Slack.Messages.Count);
        Assert.StartsWith(":white_check_mark: *Webhook events stuck* resolved after 3 min.", fixture.Slack.Messages[1]);
    }

    [Fact]
    public async Task A_condition_back_within_the_cooldown_sends_nothing_and_after_it_one_new_opening()
    {
        var cooldown = seed.Options.CurrentValue.Rules.EventsStuck.Cooldown;
        async Task RoundAsync(bool failed)
        {
            await FailedEventAsync(present: failed);
            await seed.Evaluator(time).EvaluateAsync(CancellationToken.None);
            await Notifier().SendDueAsync(CancellationToken.None);
        }
        await RoundAsync(failed: true);
        time.Advance(TimeSpan.FromMinutes(1));
        await RoundAsync(failed: false);
        Assert.Equal(2, fixture.Slack.Messages.Count); // opened, resolved

        var sinceResolved = TimeSpan.Zero;
        for (var step = TimeSpan.FromMinutes(5); sinceResolved + step < cooldown; sinceResolved += step)
        {
            time.Advance(step);
            await RoundAsync(failed: true);
        }
        Assert.Equal(2, fixture.Slack.Messages.Count);

        time.Advance(cooldown - sinceResolved + TimeSpan.FromMinutes(1));
        await RoundAsync(failed: true);
        Assert.Equal(3, fixture.Slack.Messages.Count);
        Assert.StartsWith(":rotating_light: *Webhook events stuck*", fixture.Slack.Messages[2]);
    }

    [Fact]
    public async Task A_slack_outage_is_retried_with_backoff_and_the_message_is_sent_once_when_slack_is_back()
    {
        await FailedEventAsync(present: true);
        await seed.Evaluator(time).EvaluateAsync(CancellationToken.None);
        fixture.Slack.FailNext(2);

        Assert.Equal(0, await Notifier().SendDueAsync(CancellationToken.None));
        var owed = Assert.Single(await seed.AlertsAsync());
        Assert.Equal("Slack answered 500: rollup_error", owed.NotifyError);
        Assert.Equal(Now.AddSeconds(30), owed.NotifyNextAt);

        // Before the backoff is over nothing is tried; the rules keep running meanwhile.
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await Notifier().SendDueAsync(CancellationToken.None));
        Assert.Equal(1, fixture.Slack.FailedRequests);
        Assert.NotNull(await seed.Evaluator(time).EvaluateAsync(CancellationToken.None));

        time.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal(0, await Notifier().SendDueAsync(CancellationToken.None));
        Assert.Equal(Now.AddSeconds(35 + 60), Assert.Single(await seed.AlertsAsync()).NotifyNextAt);
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await Notifier().SendDueAsync(CancellationToken.None));

        Assert.Single(fixture.Slack.Messages);
        var sent = Assert.Single(await seed.AlertsAsync());
        Assert.Null(sent.NotifyError);
        Assert.NotNull(sent.OpenNotifiedAt);
    }

    [Fact]
    public async Task A_dropped_connection_counts_as_an_outage_too()
    {
        await FailedEventAsync(present: true);
        await seed.Evaluator(time).EvaluateAsync(CancellationToken.None);
        fixture.Slack.FailNext(1, dropConnection: true);

        Assert.Equal(0, await Notifier().SendDueAsync(CancellationToken.None));
        Assert.StartsWith("Slack could not be reached", Assert.Single(await seed.AlertsAsync()).NotifyError);
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await Notifier().SendDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Two_instances_sending_at_once_send_each_message_once()
    {
        await FailedEventAsync(present: true);
        seed.Options.CurrentValue.Rules.EventsStuck.WaitingFor = TimeSpan.FromMinutes(1);
        await using (var db = fixture.Database.CreateDbContext())
        {
            db.WebhookEvents.Add(AlertSeed.Event("stripe", Now.AddMinutes(-5), WebhookEventStatus.Received));
            await db.SaveChangesAsync();
        }
        await seed.Evaluator(time).EvaluateAsync(CancellationToken.None);
        Assert.Equal(2, (await seed.AlertsAsync()).Count);

        var notifiers = Enumerable.Range(0, 6).Select(_ => Notifier()).ToList();
        await Task.WhenAll(notifiers.Select(n => n.SendDueAsync(CancellationToken.None)));
        await Notifier().SendDueAsync(CancellationToken.None);

        Assert.Equal(2, fixture.Slack.Messages.Count);
        Assert.Equal(2, fixture.Slack.Messages.Distinct().Count());
    }

    private sealed class PlainHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new() { Timeout = TimeSpan.FromSeconds(10) };
    }
}
