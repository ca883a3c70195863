using Serp.Domain.GhlSync;

namespace Serp.Admin.Features.GhlSync;

internal static class GhlSyncExtensions
{
    /// <summary>The GHL outbox (bumps from the resync buttons and the drift fix; the ledger has its own).</summary>
    public static IHostApplicationBuilder AddGhlSync(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GhlOutbox>();
        return builder;
    }
}
