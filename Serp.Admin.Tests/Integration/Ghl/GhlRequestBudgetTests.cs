using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Serp.Admin.Integrations.Ghl;
using Serp.Admin.Tests.Fakes.Ghl;
using Xunit.Abstractions;

namespace Serp.Admin.Tests.Integration.Ghl;

/// <summary>
/// The request budget shared through PostgreSQL: two "instances" (two service providers on one database) against the
/// fake GHL, judged by the fake's own request log.
/// </summary>
public sealed class GhlRequestBudgetTests(FakeGhlFixture fixture, ITestOutputHelper output) : IClassFixture<FakeGhlFixture>, IAsyncLifetime
{
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);

    private readonly FakeGhlApi fake = fixture.Ghl;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static Dictionary<string, string?> Budget(int per10Seconds, int? perDay = null) => new()
    {
        ["Ghl:RequestsPer10Seconds"] = per10Seconds.ToString(CultureInfo.InvariantCulture),
        ["Ghl:RequestsPerDay"] = (perDay ?? 190_000).ToString(CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Two_instances_hammering_together_stay_within_the_budget_and_use_it()
    {
        using var first = fixture.Host(Budget(20));
        using var second = fixture.Host(Budget(20));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(25));

        var loops = new[] { first, second }.SelectMany(instance => Enumerable.Range(0, 3).Select(_ => HammerAsync(instance.Api, stop.Token))).ToList();
        var perLoop = await Task.WhenAll(loops);

        var requests = fake.Requests;
        Assert.DoesNotContain(requests, r => r.Status == 429);
        var busiestWindow = requests.Max(r => requests.Count(o => o.At > r.At - TenSeconds && o.At <= r.At));
        Assert.InRange(busiestWindow, 1, 20);
        var start = requests.Min(r => r.At);
        // Two whole windows from the first request: the budget allows 40 in them.
        var inTwoWindows = requests.Count(r => r.At < start + 2 * TenSeconds);
        output.WriteLine($"{requests.Count} requests in 25 s, {inTwoWindows} in the first 20 s (budget 40), busiest 10 s window {busiestWindow} (budget 20)");
        Assert.True(inTwoWindows >= 36, $"{inTwoWindows} requests in the first 20 s: under 90 % of the budget (40)");
        Assert.True(perLoop.Take(3).Sum() > 0 && perLoop.Skip(3).Sum() > 0, "both instances sent requests");
    }

    private static async Task<int> HammerAsync(IGhlApi api, CancellationToken stop)
    {
        var sent = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await api.ListWorkflowsAsync(null, stop);
                sent++;
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
        return sent;
    }

    [Fact]
    public async Task A_429_with_Retry_After_pauses_every_instance()
    {
        using var first = fixture.Host();
        using var second = fixture.Host();
        fake.RateLimitNext(1, TimeSpan.FromSeconds(3));

        var firstCall = first.Api.ListWorkflowsAsync(null, default);
        await WaitForPauseAsync();
        await second.Api.ListPipelinesAsync(null, default);
        await firstCall;

        var requests = fake.Requests;
        var limited = Assert.Single(requests, r => r.Status == 429);
        var after = requests.Where(r => r.At > limited.At).ToList();
        Assert.Equal(2, after.Count);
        Assert.All(after, r =>
        {
            Assert.Equal(200, r.Status);
            Assert.True(r.At - limited.At >= TimeSpan.FromSeconds(2.9), $"{r.Path} sent {(r.At - limited.At).TotalSeconds:0.00} s after the 429");
        });
    }

    private async Task WaitForPauseAsync()
    {
        await using var db = fixture.Database.CreateDbContext();
        for (var i = 0; i < 200; i++)
        {
            var paused = await db.Database.SqlQueryRaw<bool>("SELECT paused_until > clock_timestamp() AS \"Value\" FROM ghl_rate_pause").SingleAsync();
            if (paused) return;
            await Task.Delay(25);
        }
        Assert.Fail("the 429 did not pause the budget");
    }

    [Fact]
    public async Task Rate_limit_headers_at_zero_pause_before_GHL_would_refuse()
    {
        fake.BurstLimit = 3;
        fake.BurstWindow = TimeSpan.FromSeconds(2);
        using var instance = fixture.Host();

        for (var i = 0; i < 4; i++) await instance.Api.ListWorkflowsAsync(null, default);

        var requests = fake.Requests;
        Assert.Equal([200, 200, 200, 200], requests.Select(r => r.Status ?? 0));
        Assert.True(requests[3].At - requests[2].At >= TimeSpan.FromSeconds(1.9), "the fourth request did not wait for X-RateLimit-Interval-Milliseconds");
    }

    [Fact]
    public async Task The_daily_budget_stops_requests_until_midnight_UTC()
    {
        using var instance = fixture.Host(Budget(20, perDay: 3));

        for (var i = 0; i < 3; i++) await instance.Api.ListWorkflowsAsync(null, default);
        var error = await Assert.ThrowsAsync<GhlApiException>(() => instance.Api.ListWorkflowsAsync(null, default));

        Assert.Equal(3, fake.Requests.Count);
        Assert.True(error.IsTransient);
        Assert.Null(error.StatusCode);
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.Zero, TimeSpan.FromDays(1));
        Assert.Contains("Ghl:RequestsPerDay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ring_of_slots_follows_RequestsPer10Seconds()
    {
        using (var five = fixture.Host(Budget(5))) await five.Api.ListWorkflowsAsync(null, default);
        var afterFive = await SlotsAsync();
        using (var three = fixture.Host(Budget(3))) await three.Api.ListWorkflowsAsync(null, default);
        var afterThree = await SlotsAsync();

        Assert.Equal(5, afterFive);
        Assert.Equal(3, afterThree);
    }

    private async Task<int> SlotsAsync()
    {
        await using var db = fixture.Database.CreateDbContext();
        return await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM ghl_rate_slots").SingleAsync();
    }
}
