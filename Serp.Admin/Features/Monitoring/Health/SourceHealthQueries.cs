using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;
using Serp.Domain.Monitoring;

namespace Serp.Admin.Features.Monitoring.Health;

/// <summary>A count in one UTC hour (what the hourly queries return).</summary>
public sealed class HourCount
{
    public DateTimeOffset Hour { get; init; }
    public long Count { get; init; }
}

/// <param name="EventsPerHour">Stored events per hour of the last 24 hours, oldest first (hours without any included).</param>
/// <param name="VerificationFailuresPerHour">Deliveries refused for a bad or missing signature or verification, per hour likewise.</param>
public sealed record SourceHealth(
    string Provider, DateTimeOffset? LastEvent, IReadOnlyList<long> EventsPerHour, IReadOnlyList<long> VerificationFailuresPerHour);

/// <summary>Health of each payment provider's webhooks, from the inbox and the persisted refusal counts.</summary>
public sealed class SourceHealthQueries(IDbContextFactory<SerpDbContext> dbFactory, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Providers = ["stripe", "paypal"];

    public async Task<IReadOnlyList<SourceHealth>> LastDayAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var firstHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-23);
        var reasons = WebhookRefusalReasons.VerificationFailures.ToArray();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        List<SourceHealth> health = [];
        foreach (var provider in Providers)
        {
            // Each reads the (provider, received_at) index; at most 24 groups come back.
            var last = await db.WebhookEvents.AsNoTracking().Where(e => e.Provider == provider)
                .MaxAsync(e => (DateTimeOffset?)e.ReceivedAt, ct);
            var events = await db.Database.SqlQuery<HourCount>($"""
                SELECT date_trunc('hour', received_at, 'UTC') AS hour, count(*) AS count
                FROM webhook_events WHERE provider = {provider} AND received_at >= {firstHour}
                GROUP BY 1
                """).ToListAsync(ct);
            var refused = await db.Database.SqlQuery<HourCount>($"""
                SELECT date_trunc('hour', minute, 'UTC') AS hour, sum(count)::bigint AS count
                FROM webhook_refusals WHERE provider = {provider} AND minute >= {firstHour} AND reason = ANY({reasons})
                GROUP BY 1
                """).ToListAsync(ct);
            health.Add(new SourceHealth(provider, last, Hourly(firstHour, events), Hourly(firstHour, refused)));
        }
        return health;
    }

    private static long[] Hourly(DateTimeOffset firstHour, IEnumerable<HourCount> counts)
    {
        var byHour = counts.ToDictionary(c => c.Hour.ToUniversalTime(), c => c.Count);
        return [.. Enumerable.Range(0, 24).Select(i => byHour.GetValueOrDefault(firstHour.AddHours(i)))];
    }
}
