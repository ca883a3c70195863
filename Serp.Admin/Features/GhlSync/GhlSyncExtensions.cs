using Serp.Domain.GhlSync;

namespace Serp.Admin.Features.GhlSync;

internal static class GhlSyncExtensions
{
    /// <summary>
    /// The GHL outbox (bumps from the resync buttons and the drift fix; the ledger has its own), the contact sync and
    /// the worker that drains the outbox (<c>Ghl:Sync</c>). Needs <c>AddGhl</c> (the client and the location map).
    /// </summary>
    public static IHostApplicationBuilder AddGhlSync(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GhlSyncOptions>().BindConfiguration(GhlSyncOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Lease >= TimeSpan.FromSeconds(1) && o.PollInterval > TimeSpan.Zero, "Ghl:Sync:Lease must be at least 1 s and PollInterval more than zero.")
            .Validate(o => o.FirstBackoff > TimeSpan.Zero && o.MaxBackoff >= o.FirstBackoff, "Ghl:Sync:FirstBackoff must be more than zero and at most MaxBackoff.")
            .ValidateOnStart();
        builder.Services.AddSingleton<GhlOutbox>();
        builder.Services.AddSingleton<GhlSyncInstance>();
        builder.Services.AddSingleton<GhlSyncClaims>();
        builder.Services.AddSingleton<GhlSyncRecorder>();
        builder.Services.AddSingleton<GhlContactApplier>();
        builder.Services.AddSingleton<GhlContactSync>();
        builder.Services.AddHostedService<GhlSyncWorker>();
        return builder;
    }
}
