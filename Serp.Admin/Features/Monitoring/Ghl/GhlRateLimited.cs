using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;

namespace Serp.Admin.Features.Monitoring.Ghl;

/// <summary>GHL calls answered 429 (each call of each attempt, retries included), from <c>ghl_sync_attempts</c>.</summary>
public static class GhlRateLimited
{
    public static Task<int> CountAsync(SerpDbContext db, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The finished_at index bounds the attempts; their calls are unnested only for those.
        return db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value"
            FROM ghl_sync_attempts AS a, jsonb_array_elements(a.calls) AS c
            WHERE a.finished_at >= {since} AND a.finished_at <= {until} AND (c ->> 'status') = '429'
            """).SingleAsync(ct);
    }
}
