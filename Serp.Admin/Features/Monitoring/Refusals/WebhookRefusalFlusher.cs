using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Serp.Domain.Data;

namespace Serp.Admin.Features.Monitoring.Refusals;

/// <summary>
/// Adds the buffered refusal counts to <c>webhook_refusals</c> every <see cref="MonitoringOptions.RefusalFlushInterval"/>
/// (one statement for all buckets; instances add to the same rows), and once more on shutdown.
/// </summary>
public sealed class WebhookRefusalFlusher(
    WebhookRefusalBuffer buffer,
    IDbContextFactory<SerpDbContext> dbFactory,
    IOptions<MonitoringOptions> options,
    TimeProvider time,
    ILogger<WebhookRefusalFlusher> logger) : BackgroundService
{
    public async Task FlushAsync(CancellationToken ct)
    {
        var counts = buffer.Drain();
        if (counts.Count == 0) return;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO webhook_refusals (provider, reason, minute, count)
                SELECT * FROM unnest(@providers, @reasons, @minutes, @counts)
                ON CONFLICT (provider, reason, minute) DO UPDATE SET count = webhook_refusals.count + EXCLUDED.count
                """,
                [
                    new NpgsqlParameter("providers", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = counts.Select(c => c.Provider).ToArray() },
                    new NpgsqlParameter("reasons", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = counts.Select(c => c.Reason).ToArray() },
                    new NpgsqlParameter("minutes", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = counts.Select(c => c.Minute).ToArray() },
                    new NpgsqlParameter("counts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = counts.Select(c => c.Count).ToArray() },
                ], ct);
        }
        catch
        {
            buffer.Restore(counts);
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefusalFlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await TryFlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the last counts are written below.
        }
        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await TryFlushAsync(last.Token);
    }

    private async Task TryFlushAsync(CancellationToken ct)
    {
        try
        {
            await FlushAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Kept in the buffer for the next flush.
        }
#pragma warning disable CA1031 // A database outage must not stop the flusher; the counts stay buffered.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning("Refused webhook deliveries could not be written ({Error}); kept for the next flush", ex.GetType().Name);
        }
    }
}
