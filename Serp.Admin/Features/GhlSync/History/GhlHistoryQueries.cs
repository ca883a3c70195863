using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Serp.Admin.Integrations.Ghl;
using Serp.Domain.Customers;
using Serp.Domain.Data;

namespace Serp.Admin.Features.GhlSync.History;

/// <summary>One sync attempt as /ghl shows it, with the GHL calls it made.</summary>
public sealed record GhlAttemptRow(
    long Id, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Outcome, int? HttpStatus, string? Error,
    IReadOnlyList<GhlCall> Calls, int RequestCount, string Instance);

public sealed record GhlAttemptPage(IReadOnlyList<GhlAttemptRow> Rows, bool HasMore);

/// <summary>A customer's sync attempts, newest first, keyset-paged on <c>(started_at, id)</c> over the <c>(email, started_at DESC)</c> index.</summary>
public sealed class GhlHistoryQueries(IDbContextFactory<SerpDbContext> dbFactory)
{
    private static readonly JsonSerializerOptions CallJson = new(JsonSerializerDefaults.Web);

    public async Task<GhlAttemptPage> AttemptsAsync(string email, GhlAttemptRow? after, int size, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var key = CustomerEmail.Key(email);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.GhlSyncAttempts.AsNoTracking().Where(a => a.Email == key);
        if (after is not null)
        {
            query = query.Where(a => EF.Functions.LessThan(ValueTuple.Create(a.StartedAt, a.Id), ValueTuple.Create(after.StartedAt, after.Id)));
        }
        var rows = await query.OrderByDescending(a => a.StartedAt).ThenByDescending(a => a.Id).Take(size + 1)
            .Select(a => new { a.Id, a.StartedAt, a.FinishedAt, a.Outcome, a.HttpStatus, a.Error, a.Calls, a.RequestCount, a.Instance })
            .ToListAsync(ct);
        return new GhlAttemptPage([.. rows.Take(size).Select(a => new GhlAttemptRow(a.Id, a.StartedAt, a.FinishedAt, a.Outcome, a.HttpStatus,
            a.Error, Calls(a.Calls), a.RequestCount, a.Instance))], rows.Count > size);
    }

    private static List<GhlCall> Calls(JsonDocument calls)
    {
        using (calls)
        {
            return calls.RootElement.ValueKind == JsonValueKind.Array ? calls.Deserialize<List<GhlCall>>(CallJson) ?? [] : [];
        }
    }
}
