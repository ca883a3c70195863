using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;

namespace Serp.Admin.Features.GhlSync.Resync;

/// <summary>The page's read of the latest bulk resync (one short context per read).</summary>
public sealed class GhlBulkQueries(IDbContextFactory<SerpDbContext> dbFactory)
{
    public async Task<GhlBulkRun?> LatestAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await GhlBulkProgress.LatestAsync(db, ct);
    }
}
