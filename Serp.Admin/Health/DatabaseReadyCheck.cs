using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serp.Domain.Data;

namespace Serp.Admin.Health;

/// <summary>Ready means: PostgreSQL answers and every migration of this build is applied.</summary>
internal sealed class DatabaseReadyCheck(IDbContextFactory<SerpDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy("Database reachable; migrations applied.")
                : HealthCheckResult.Unhealthy($"{pending} migration(s) not applied.");
        }
#pragma warning disable CA1031 // Any failure to reach the database means "not ready", never a 500.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The exception text may carry host names; the type is enough for a public endpoint.
            return HealthCheckResult.Unhealthy($"Database unreachable ({ex.GetType().Name}).");
        }
    }
}
