using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;

namespace Serp.Admin.Features.Monitoring.Inbox;

/// <summary>The inbox log's filter (every part optional; <see cref="To"/> exclusive).</summary>
public sealed record InboxFilter(string? Provider, string? Type, string? Status, DateTimeOffset? From, DateTimeOffset? To);

public sealed record InboxRow(
    long Id, string Provider, string EventId, string EventType, string Status, int Attempts, string? LastError,
    DateTimeOffset ReceivedAt, DateTimeOffset? ProcessedAt, DateTimeOffset? NextAttemptAt);

/// <param name="Rows">Newest first.</param>
/// <param name="HasOlder">Rows exist past the last one.</param>
/// <param name="HasNewer">Rows exist before the first one.</param>
public sealed record InboxPage(IReadOnlyList<InboxRow> Rows, bool HasOlder, bool HasNewer);

/// <summary>
/// Every stored webhook event, newest first, keyset-paged on the id (the inbox's insertion order), so a deep page
/// costs what the first does. Status filters read the (status, received_at) index, provider filters the
/// (provider, received_at) one.
/// </summary>
public sealed class InboxLogQueries(IDbContextFactory<SerpDbContext> dbFactory)
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// The page after <paramref name="olderThan"/> (an id: rows below it), or before <paramref name="newerThan"/>
    /// (rows above it), or the newest page when neither is given.
    /// </summary>
    public async Task<InboxPage> PageAsync(InboxFilter filter, long? olderThan, long? newerThan, int size, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.WebhookEvents.AsNoTracking();
        if (filter.Provider is { Length: > 0 } provider) query = query.Where(e => e.Provider == provider);
        if (filter.Type is { Length: > 0 } type) query = query.Where(e => e.EventType == type);
        if (filter.Status is { Length: > 0 } status) query = query.Where(e => e.Status == status);
        if (filter.From is { } from) query = query.Where(e => e.ReceivedAt >= from);
        if (filter.To is { } to) query = query.Where(e => e.ReceivedAt < to);

        var rows = newerThan is { } above
            ? (await Project(query.Where(e => e.Id > above).OrderBy(e => e.Id).Take(size + 1)).ToListAsync(ct)).AsEnumerable().Reverse().ToList()
            : await Project((olderThan is { } below ? query.Where(e => e.Id < below) : query).OrderByDescending(e => e.Id).Take(size + 1)).ToListAsync(ct);

        var more = rows.Count > size;
        if (newerThan is not null)
        {
            var page = more ? rows.Skip(1).ToList() : rows;
            return new InboxPage(page, HasOlder: true, HasNewer: more);
        }
        return new InboxPage([.. rows.Take(size)], HasOlder: more, HasNewer: olderThan is not null);
    }

    private static IQueryable<InboxRow> Project(IQueryable<Serp.Domain.Webhooks.WebhookEvent> query) =>
        query.Select(e => new InboxRow(e.Id, e.Provider, e.EventId, e.EventType, e.Status, e.Attempts, e.LastError,
            e.ReceivedAt, e.ProcessedAt, e.NextAttemptAt));

    /// <summary>The event's payload, indented for reading (null when the event no longer exists).</summary>
    public async Task<string?> PayloadAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payload = await db.WebhookEvents.AsNoTracking().Where(e => e.Id == id).Select(e => e.Payload).SingleOrDefaultAsync(ct);
        if (payload is null) return null;
        using (payload)
        {
            return JsonSerializer.Serialize(payload.RootElement, Indented);
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
