using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;

namespace Serp.Admin.Features.Preferences;

/// <summary>Per-operator UI settings in the database, so they follow the operator across browsers.</summary>
public sealed class OperatorPreferences(IDbContextFactory<SerpDbContext> dbFactory, TimeProvider time)
{
    public async Task<bool> GetDarkModeAsync(string subject, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OperatorPreferences.AsNoTracking()
            .Where(p => p.Subject == subject).Select(p => p.DarkMode).FirstOrDefaultAsync(ct);
    }

    public async Task SetDarkModeAsync(string subject, bool darkMode, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO operator_preferences (subject, dark_mode, updated_at) VALUES ({subject}, {darkMode}, {now})
            ON CONFLICT (subject) DO UPDATE SET dark_mode = EXCLUDED.dark_mode, updated_at = EXCLUDED.updated_at
            """, ct);
    }
}

internal static class OperatorPreferencesExtensions
{
    public static IHostApplicationBuilder AddOperatorPreferences(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OperatorPreferences>();
        return builder;
    }
}
